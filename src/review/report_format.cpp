#include "review/report_format.hpp"

#include <fmt/core.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>

#include "review/github_review.hpp"

namespace nectr::review {

namespace json = boost::json;

namespace {

std::string_view SarifLevel(analyzers::Severity severity) {
    switch (severity) {
        case analyzers::Severity::kCritical:
        case analyzers::Severity::kHigh:
            return "error";
        case analyzers::Severity::kMedium:
            return "warning";
        case analyzers::Severity::kLow:
        case analyzers::Severity::kInfo:
            return "note";
    }
    return "note";
}

std::string RuleId(const ReviewComment& comment) {
    if (comment.source.starts_with("analyzer:")) {
        return comment.source.substr(9);
    }
    return "review." + comment.category;
}

// A repository path as a relative URI reference: bytes outside the unreserved set (spaces, '%',
// '#', '?', ':', non-ASCII) are percent-encoded, so that "docs/a b.md" or "a:b.txt" stay paths.
std::string PathToUri(std::string_view path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string uri;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[byte >> 4];
            uri += kHex[byte & 0xF];
        }
    }
    return uri;
}

// What the review says beside its results (offline only, files not reviewed, an invalid
// .nectr.toml), as notifications of the run's invocation: code scanning tools show these.
json::object SarifInvocation(const ReviewReport& report) {
    json::array notifications;
    auto add = [&notifications](const std::string& text) {
        notifications.push_back(
            json::object{{"level", "note"}, {"message", json::object{{"text", text}}}});
    };
    for (const auto& note : report.notes) {
        add(note);
    }
    for (const auto& file : report.skipped) {
        add("Not reviewed: " + file.path + " (" + file.reason + ")");
    }
    for (const auto& item : report.not_covered) {
        add("Not covered: " + item);
    }
    json::object invocation{{"executionSuccessful", true}};
    if (!notifications.empty()) {
        invocation["toolExecutionNotifications"] = std::move(notifications);
    }
    return invocation;
}

json::object SarifResult(const std::string& rule_id, analyzers::Severity severity,
                         const std::string& message, const std::string& path, int start_line,
                         int end_line) {
    json::object location{
        {"physicalLocation",
         json::object{{"artifactLocation", json::object{{"uri", PathToUri(path)}}},
                      {"region", json::object{{"startLine", std::max(1, start_line)},
                                              {"endLine", std::max(1, end_line)}}}}}};
    return json::object{
        {"ruleId", rule_id},
        {"level", SarifLevel(severity)},
        {"message", json::object{{"text", message}}},
        {"locations", json::array{location}},
        {"properties", json::object{{"severity", analyzers::SeverityName(severity)}}}};
}

json::array ToJsonStrings(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& item : items) {
        out.push_back(json::string(item));
    }
    return out;
}

}  // namespace

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
    if (name == "markdown" || name == "md") {
        return ReportFormat::kMarkdown;
    }
    if (name == "json") {
        return ReportFormat::kJson;
    }
    if (name == "sarif") {
        return ReportFormat::kSarif;
    }
    return std::nullopt;
}

std::string RenderMarkdown(const ReviewReport& report) {
    std::string out = "# Nectr review of " + report.subject + "\n\n";
    if (report.used_model) {
        out += fmt::format("Verdict: **{}**\n\n", VerdictName(report.output.verdict));
    } else {
        out += "**Offline checks only**: see the notes below.\n\n";
    }
    if (!report.output.summary.empty()) {
        out += report.output.summary + "\n\n";
    }
    if (!report.output.comments.empty()) {
        out += "## Comments\n\n";
        for (const auto& comment : report.output.comments) {
            out += fmt::format("### {}:{}{} ({}, {})\n\n", comment.path,
                               comment.start_line ? std::to_string(*comment.start_line) + "-" : "",
                               comment.line, analyzers::SeverityName(comment.severity),
                               comment.category);
            out += CommentMarkdown(comment) + "\n\n";
        }
    }
    auto list = [&out](std::string_view title, const std::vector<std::string>& items) {
        if (items.empty()) {
            return;
        }
        out += "## " + std::string(title) + "\n\n";
        for (const auto& item : items) {
            out += "- " + item + "\n";
        }
        out += "\n";
    };
    std::vector<std::string> file_findings;
    for (const auto& finding : report.findings) {
        if (finding.line == 0) {
            file_findings.push_back(fmt::format("`{}` ({}): {}", finding.path,
                                                analyzers::SeverityName(finding.severity),
                                                finding.message));
        }
    }
    list("Offline checks", file_findings);
    std::vector<std::string> skipped;
    for (const auto& file : report.skipped) {
        skipped.push_back("`" + file.path + "` (" + file.reason + ")");
    }
    list("Not reviewed", skipped);
    list("Not covered", report.not_covered);
    list("Notes", report.notes);
    if (report.used_model) {
        out += fmt::format("_{} · {} model calls · {} in / {} out tokens · ${:.4f}_\n",
                           report.model, report.usage.model_calls, report.usage.input_tokens,
                           report.usage.output_tokens, report.usage.cost_usd);
    }
    return out;
}

std::string RenderJson(const ReviewReport& report) {
    json::value review = json::parse(ReviewOutputToJson(report.output));
    json::array findings;
    for (const auto& finding : report.findings) {
        findings.push_back(json::object{{"rule", finding.rule},
                                        {"category", finding.category},
                                        {"severity", analyzers::SeverityName(finding.severity)},
                                        {"path", finding.path},
                                        {"line", finding.line},
                                        {"message", finding.message}});
    }
    json::array skipped;
    for (const auto& file : report.skipped) {
        skipped.push_back(json::object{{"path", file.path}, {"reason", file.reason}});
    }
    json::object root{{"subject", report.subject},
                      {"head_sha", report.head_sha},
                      {"used_model", report.used_model},
                      {"model", report.model},
                      {"review", std::move(review)},
                      {"findings", std::move(findings)},
                      {"skipped", std::move(skipped)},
                      {"not_covered", ToJsonStrings(report.not_covered)},
                      {"notes", ToJsonStrings(report.notes)},
                      {"parts", report.parts},
                      {"usage", json::object{{"input_tokens", report.usage.input_tokens},
                                             {"output_tokens", report.usage.output_tokens},
                                             {"cost_usd", report.usage.cost_usd},
                                             {"model_calls", report.usage.model_calls}}},
                      {"duration_ms", report.duration.count()}};
    return json::serialize(root) + "\n";
}

std::string RenderSarif(const ReviewReport& report, std::string_view tool_version) {
    json::array results;
    std::map<std::string, std::string> rules;  // id -> short description
    for (const auto& comment : report.output.comments) {
        const std::string id = RuleId(comment);
        rules.emplace(id, comment.source.starts_with("analyzer:")
                              ? "Offline check " + id
                              : "Review comment (" + comment.category + ")");
        results.push_back(SarifResult(id, comment.severity, comment.body, comment.path,
                                      comment.start_line.value_or(comment.line), comment.line));
    }
    for (const auto& finding : report.findings) {
        if (finding.line != 0) {
            continue;  // line findings are among the comments already
        }
        rules.emplace(finding.rule, "Offline check " + finding.rule);
        results.push_back(
            SarifResult(finding.rule, finding.severity, finding.message, finding.path, 1, 1));
    }
    json::array rule_list;
    for (const auto& [id, text] : rules) {
        rule_list.push_back(
            json::object{{"id", id}, {"shortDescription", json::object{{"text", text}}}});
    }
    json::object driver{
        {"name", "nectr"}, {"version", tool_version}, {"rules", std::move(rule_list)}};
    json::object properties{{"usedModel", report.used_model},
                            {"verdict", VerdictName(report.output.verdict)}};
    if (report.used_model) {
        properties["model"] = report.model;
    }
    json::object run{{"tool", json::object{{"driver", std::move(driver)}}},
                     {"invocations", json::array{SarifInvocation(report)}},
                     {"results", std::move(results)},
                     {"properties", std::move(properties)}};
    json::object root{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", json::array{std::move(run)}}};
    return json::serialize(root) + "\n";
}

bool ReachesSeverity(const ReviewReport& report, analyzers::Severity threshold) {
    for (const auto& comment : report.output.comments) {
        if (comment.severity >= threshold) {
            return true;
        }
    }
    for (const auto& finding : report.findings) {
        if (finding.severity >= threshold) {
            return true;
        }
    }
    return false;
}

}  // namespace nectr::review
