#pragma once

// How an accepted false positive is written down and recognised again: the content names the
// finding's category, a pattern of the paths it applies to and a short quote of what was
// said, in a fixed form that the suppression check reads back. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace nectr::memory {

// The path's directory and extension as a glob: "src/api/users.cpp" -> "src/api/*.cpp",
// "main.go" -> "*.go"; a file without an extension keeps its own path ("docker/Dockerfile").
std::string PathPattern(std::string_view path);

// True when `path` matches `pattern`, where '*' stands for any run of characters other
// than '/'.
bool GlobMatches(std::string_view pattern, std::string_view path);

struct FindingDescription {
    std::string category;  // lower case; may be empty
    std::string pattern;   // PathPattern of the path; may be empty
    std::string quote;     // ShortQuote of the finding's text
};

// The finding as memory content:
//   Accepted as intended (correctness) in src/api/*.cpp: "Check the bound."
// and, for what reviewers welcomed,
//   Welcomed (correctness) in src/api/*.cpp: "Check the bound."
FindingDescription DescribeFinding(std::string_view category, std::string_view path,
                                   std::string_view text);
std::string FalsePositiveContent(const FindingDescription& finding);
std::string PreferenceContent(const FindingDescription& finding);

// The parts of content written by FalsePositiveContent; nullopt for any other text (a
// memory written by hand).
std::optional<FindingDescription> ParseFalsePositive(std::string_view content);

// Whether a new finding is the accepted one again: the same category (when both name one),
// and similar text (content words with a Jaccard similarity of at least 0.5), or a path the
// pattern covers with related text (at least 0.2). A memory written by hand is matched on
// its whole content with the first rule. Returns the similarity that decided, or nullopt.
std::optional<double> MatchesAcceptedFinding(std::string_view memory_content,
                                             std::string_view category, std::string_view path,
                                             std::string_view text);

}  // namespace nectr::memory
