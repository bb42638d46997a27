#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nectr::analyzers {

// Ordered: a higher enumerator is more severe, so findings can be compared and filtered with <.
enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

// "info", "low", "medium", "high" or "critical".
std::string_view SeverityName(Severity severity);

// The inverse of SeverityName, ASCII case-insensitive; nullopt for anything else.
std::optional<Severity> ParseSeverity(std::string_view name);

// Finding categories, as they appear in Finding::category.
inline constexpr std::string_view kCategorySecurity = "security";
inline constexpr std::string_view kCategoryCorrectness = "correctness";
inline constexpr std::string_view kCategoryMaintainability = "maintainability";
inline constexpr std::string_view kCategoryPerformance = "performance";
inline constexpr std::string_view kCategoryTesting = "testing";

// One problem an analyzer found on a changed line (or in a whole file when line is 0).
struct Finding {
    std::string rule;      // stable id, "<analyzer>.<what>", e.g. "secret.github-token"
    std::string category;  // one of the kCategory* values
    Severity severity = Severity::kInfo;
    std::string path;
    int line = 0;         // new-file line number; 0 = about the whole file
    std::string message;  // one sentence for a human; never contains a secret value

    friend bool operator==(const Finding&, const Finding&) = default;
};

// The order Analyze returns: path, then line, then rule, then message.
bool FindingBefore(const Finding& a, const Finding& b);

}  // namespace nectr::analyzers
