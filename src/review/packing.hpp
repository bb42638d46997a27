#pragma once

// Fits a change into the model's context: files ranked by importance, their hunks packed into
// parts that each fit the budget, so that a 10,000-line pull request is reviewed in several
// parts instead of rejected. What does not fit at all is named, never silently dropped.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "review/diff.hpp"
#include "review/diff_render.hpp"

namespace nectr::review {

// About four bytes a token for code and English: rough, good enough to budget.
inline constexpr std::size_t kBytesPerToken = 4;

// A rough token count (kBytesPerToken); good enough to budget.
std::size_t EstimateTokens(std::string_view text);

struct PackedFile {
    std::string path;
    std::string diff_text;     // the file's header and the hunks of this part
    std::string full_content;  // the new file's full text, when it fits; empty otherwise
    std::size_t tokens = 0;
};

struct ReviewPart {
    std::vector<PackedFile> files;
    std::size_t tokens = 0;
};

struct PackingPlan {
    std::vector<ReviewPart> parts;
    std::vector<std::string> not_covered;  // "src/big.cpp lines 1200-5400 (over the budget)"
};

struct PackingOptions {
    std::size_t part_token_budget = 48000;  // diff and file contents of one part
    std::size_t max_parts = 12;             // beyond this, files are listed as not covered
    // Full contents are included only for files under this many tokens.
    std::size_t max_full_content_tokens = 12000;
};

// How much a file matters to a reviewer: source over tests over docs and config, more changed
// lines over fewer, and security-sensitive paths first. Higher is more important.
double FileImportance(const FileDiff& file);

// Packs `files` (the ones to review, in any order) into parts. `contents` maps paths to the
// new files' full text where known. Each file's hunks stay in order; a file too large for one
// part is split at hunk boundaries, and a single hunk larger than a part is cut, the rest
// reported in not_covered.
PackingPlan PackIntoParts(const std::vector<FileDiff>& files,
                          const std::map<std::string, std::string>& contents,
                          const PackingOptions& options = {});

}  // namespace nectr::review
