#pragma once

// The outputs of `nectr review`: Markdown for people, JSON for scripts, SARIF 2.1.0 for code
// scanning dashboards.
#include <optional>
#include <string>
#include <string_view>

#include "analyzers/finding.hpp"
#include "review/review_report.hpp"

namespace nectr::review {

enum class ReportFormat { kMarkdown, kJson, kSarif };

std::optional<ReportFormat> ParseReportFormat(std::string_view name);

std::string RenderMarkdown(const ReviewReport& report);
std::string RenderJson(const ReviewReport& report);
// `tool_version` goes into the SARIF driver.
std::string RenderSarif(const ReviewReport& report, std::string_view tool_version);

// True when a comment or finding is at least `threshold` severe (`--fail-on`).
bool ReachesSeverity(const ReviewReport& report, analyzers::Severity threshold);

}  // namespace nectr::review
