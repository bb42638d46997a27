#pragma once

// The structured review: what the model is asked to return, and what Nectr stores, posts and
// prints. The model's text is untrusted data: ParseReviewOutput validates it, repairs what can
// be repaired and drops the rest, saying why.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/finding.hpp"
#include "core/error.hpp"
#include "review/diff_anchor.hpp"

namespace nectr::review {

enum class Verdict { kApprove, kRequestChanges, kNeedsDiscussion };

// "APPROVE", "REQUEST_CHANGES", "NEEDS_DISCUSSION".
std::string_view VerdictName(Verdict verdict);
// Accepts the names above in any case, with spaces or dashes for underscores, and a few
// synonyms models use ("LGTM", "CHANGES_REQUESTED", "COMMENT"); nullopt otherwise.
std::optional<Verdict> ParseVerdict(std::string_view text);

struct ReviewComment {
    std::string path;
    int line = 0;                   // last line of the range
    std::optional<int> start_line;  // first line, for a range
    Side side = Side::kRight;
    analyzers::Severity severity = analyzers::Severity::kMedium;
    std::string category;  // security, correctness, performance, maintainability, ...
    std::string body;
    // Replacement text for the lines [start_line, line], posted as a ```suggestion block.
    std::optional<std::string> suggestion;
    std::string source = "model";  // "model" or "analyzer:<rule>"
};

struct FileSummary {
    std::string path;
    std::string summary;
};

struct ReviewOutput {
    std::string summary;
    std::vector<FileSummary> walkthrough;
    Verdict verdict = Verdict::kNeedsDiscussion;
    std::vector<ReviewComment> comments;
    // What validation changed or dropped, for the log and the stored review.
    std::vector<std::string> repairs;
};

// The categories a comment may carry; anything else becomes "maintainability".
bool IsKnownCategory(std::string_view category);

// Reads the model's answer: a JSON object (bare, fenced or after prose) with the schema that
// ReviewOutputSchema() describes. Comments on paths outside `changed_paths`, without a body or
// a usable line are dropped; a missing verdict becomes NEEDS_DISCUSSION; stringly numbers,
// reversed ranges and unknown severities are repaired. kInvalidInput when there is no JSON
// object or it has neither a summary nor comments.
core::Result<ReviewOutput> ParseReviewOutput(std::string_view model_text,
                                             const std::vector<std::string>& changed_paths);

// The JSON schema of the answer, as text, for prompts and tool definitions.
const std::string& ReviewOutputSchema();

// Serialises a review to JSON in the same schema (the `--format json` output and storage).
std::string ReviewOutputToJson(const ReviewOutput& output);

}  // namespace nectr::review
