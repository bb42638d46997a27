#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "review/diff.hpp"

namespace nectr::review {

// Parses a unified diff: the output of `git diff` and GitHub's `application/vnd.github.diff`
// (file sections opened by "diff --git", with rename, copy, mode, similarity, index and binary
// header lines), or plain `diff -u` output ("---"/"+++" pairs, timestamps after a tab).
// Quoted names ("a/tab\there") are decoded; "a/" and "b/" prefixes are removed; CRLF line
// endings are accepted. Text before the first file header (a commit message, mail headers)
// and between files is skipped, as `git apply` does. Empty text is an empty Diff.
//
// Errors (kInvalidInput, the detail names the line): a hunk whose lines do not match the
// counts in its header, a hunk header without a file header, overlapping hunks, combined
// diffs of merges ("diff --cc"), and non-empty text with no file header at all. Never throws;
// the work is linear in the size of the text.
core::Result<Diff> ParseUnifiedDiff(std::string_view text);

// Parses the `patch` field of one entry of GitHub's "list pull request files" API: hunks only,
// no file header. The entry's `filename`, `status` and `previous_filename` give the rest.
// An empty patch (a binary file, or a file GitHub did not include) gives a file with no hunks.
// Errors as for ParseUnifiedDiff, and text before the first hunk or after the last one.
core::Result<FileDiff> ParsePatch(std::string path, FileStatus status, std::string_view patch,
                                  std::string previous_path = {});

}  // namespace nectr::review
