#include "review/review_output.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <set>

#include "core/json_fields.hpp"
#include "llm/json_extract.hpp"

namespace nectr::review {

namespace json = boost::json;

namespace {

std::string Normalised(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '-') {
            out.push_back('_');
        } else {
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

using core::StringAt;

// An integer from a number or a numeric string ("12"), which models write alike.
std::optional<int> LenientInt(const json::object& object, std::string_view key) {
    if (auto number = core::OptionalIntAt(object, key)) {
        return static_cast<int>(*number);
    }
    const std::string text = StringAt(object, key);
    int out = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (!text.empty() && error == std::errc() && end == text.data() + text.size()) {
        return out;
    }
    return std::nullopt;
}

std::string CanonicalCategory(std::string_view category) {
    std::string lower;
    for (char c : category) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return IsKnownCategory(lower) ? lower : "maintainability";
}

std::optional<ReviewComment> ReadComment(const json::value& value,
                                         const std::set<std::string, std::less<>>& paths,
                                         std::vector<std::string>& repairs) {
    if (!value.is_object()) {
        repairs.push_back("dropped a comment that is not an object");
        return std::nullopt;
    }
    const json::object& object = value.get_object();
    ReviewComment comment;
    comment.path = StringAt(object, "path");
    comment.body = StringAt(object, "body");
    if (comment.path.empty() || !paths.contains(comment.path)) {
        repairs.push_back("dropped a comment on a file outside the change: '" + comment.path + "'");
        return std::nullopt;
    }
    if (comment.body.empty()) {
        repairs.push_back("dropped a comment without a body on " + comment.path);
        return std::nullopt;
    }
    std::optional<int> line = LenientInt(object, "line");
    std::optional<int> start = LenientInt(object, "start_line");
    if (!line && start) {
        line = start;
    }
    if (!line || *line <= 0) {
        repairs.push_back("dropped a comment without a valid line on " + comment.path);
        return std::nullopt;
    }
    comment.line = *line;
    if (start && *start > 0 && *start != *line) {
        comment.start_line = std::min(*start, *line);
        comment.line = std::max(*start, *line);
    }
    comment.side = Normalised(StringAt(object, "side")) == "LEFT" ? Side::kLeft : Side::kRight;
    const std::string severity_text = StringAt(object, "severity");
    auto severity = analyzers::ParseSeverity(severity_text);
    if (!severity) {
        if (!severity_text.empty()) {
            repairs.push_back("unknown severity '" + severity_text + "' read as medium");
        }
        severity = analyzers::Severity::kMedium;
    }
    comment.severity = *severity;
    comment.category = CanonicalCategory(StringAt(object, "category"));
    const json::value* suggestion = object.if_contains("suggestion");
    if (suggestion != nullptr && suggestion->is_string() && !suggestion->get_string().empty()) {
        comment.suggestion = std::string(suggestion->get_string());
    }
    return comment;
}

void ReadWalkthrough(const json::object& root, ReviewOutput& output) {
    const json::value* walkthrough = root.if_contains("walkthrough");
    if (walkthrough == nullptr || !walkthrough->is_array()) {
        return;
    }
    for (const auto& item : walkthrough->get_array()) {
        if (!item.is_object()) {
            continue;
        }
        FileSummary file{StringAt(item.get_object(), "path"),
                         StringAt(item.get_object(), "summary")};
        if (!file.path.empty() && !file.summary.empty()) {
            output.walkthrough.push_back(std::move(file));
        }
    }
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
    switch (verdict) {
        case Verdict::kApprove:
            return "APPROVE";
        case Verdict::kRequestChanges:
            return "REQUEST_CHANGES";
        case Verdict::kNeedsDiscussion:
            return "NEEDS_DISCUSSION";
    }
    return "NEEDS_DISCUSSION";
}

std::optional<Verdict> ParseVerdict(std::string_view text) {
    const std::string name = Normalised(text);
    if (name == "APPROVE" || name == "APPROVED" || name == "LGTM") {
        return Verdict::kApprove;
    }
    if (name == "REQUEST_CHANGES" || name == "CHANGES_REQUESTED") {
        return Verdict::kRequestChanges;
    }
    if (name == "NEEDS_DISCUSSION" || name == "COMMENT") {
        return Verdict::kNeedsDiscussion;
    }
    return std::nullopt;
}

bool IsKnownCategory(std::string_view category) {
    static const std::set<std::string, std::less<>> kCategories = {
        "security",      "correctness", "performance", "maintainability",
        "documentation", "testing",     "style"};
    return kCategories.contains(category);
}

core::Result<ReviewOutput> ParseReviewOutput(std::string_view model_text,
                                             const std::vector<std::string>& changed_paths) {
    auto extracted = llm::ExtractJsonObject(model_text);
    if (!extracted) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the model's answer holds no JSON object");
    }
    const json::object& object = *extracted;
    ReviewOutput output;
    output.summary = StringAt(object, "summary");
    const std::set<std::string, std::less<>> paths(changed_paths.begin(), changed_paths.end());
    const json::value* comments = object.if_contains("comments");
    if (comments != nullptr && comments->is_array()) {
        for (const auto& item : comments->get_array()) {
            if (auto comment = ReadComment(item, paths, output.repairs)) {
                output.comments.push_back(std::move(*comment));
            }
        }
    }
    if (output.summary.empty() && output.comments.empty()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the model's answer has neither a summary nor comments");
    }
    const std::string verdict_text = StringAt(object, "verdict");
    auto verdict = ParseVerdict(verdict_text);
    if (!verdict) {
        output.repairs.push_back("verdict '" + verdict_text + "' read as NEEDS_DISCUSSION");
        verdict = Verdict::kNeedsDiscussion;
    }
    output.verdict = *verdict;
    ReadWalkthrough(object, output);
    return output;
}

const std::string& ReviewOutputSchema() {
    static const std::string kSchema = R"({
  "type": "object",
  "required": ["summary", "verdict", "comments"],
  "properties": {
    "summary": {"type": "string", "description": "What the change does and the main concerns, in a few sentences."},
    "walkthrough": {"type": "array", "items": {"type": "object", "required": ["path", "summary"],
      "properties": {"path": {"type": "string"}, "summary": {"type": "string"}}}},
    "verdict": {"type": "string", "enum": ["APPROVE", "REQUEST_CHANGES", "NEEDS_DISCUSSION"]},
    "comments": {"type": "array", "items": {"type": "object",
      "required": ["path", "line", "severity", "category", "body"],
      "properties": {
        "path": {"type": "string", "description": "A changed file's path."},
        "start_line": {"type": "integer", "description": "First line of a multi-line range."},
        "line": {"type": "integer", "description": "Line in the new file (or old file when side is LEFT)."},
        "side": {"type": "string", "enum": ["RIGHT", "LEFT"]},
        "severity": {"type": "string", "enum": ["critical", "high", "medium", "low", "info"]},
        "category": {"type": "string", "enum": ["security", "correctness", "performance", "maintainability", "documentation", "testing", "style"]},
        "body": {"type": "string"},
        "suggestion": {"type": "string", "description": "Replacement text for lines start_line..line, exactly as it should read."}
      }}}
  }
})";
    return kSchema;
}

std::string ReviewOutputToJson(const ReviewOutput& output) {
    json::object root;
    root["summary"] = output.summary;
    root["verdict"] = VerdictName(output.verdict);
    json::array walkthrough;
    for (const auto& file : output.walkthrough) {
        walkthrough.push_back(json::object{{"path", file.path}, {"summary", file.summary}});
    }
    root["walkthrough"] = std::move(walkthrough);
    json::array comments;
    for (const auto& comment : output.comments) {
        json::object item{{"path", comment.path},
                          {"line", comment.line},
                          {"side", comment.side == Side::kLeft ? "LEFT" : "RIGHT"},
                          {"severity", analyzers::SeverityName(comment.severity)},
                          {"category", comment.category},
                          {"body", comment.body},
                          {"source", comment.source}};
        if (comment.start_line) {
            item["start_line"] = *comment.start_line;
        }
        if (comment.suggestion) {
            item["suggestion"] = *comment.suggestion;
        }
        comments.push_back(std::move(item));
    }
    root["comments"] = std::move(comments);
    return json::serialize(root);
}

}  // namespace nectr::review
