#pragma once

// The issues a pull request closes, read from its text as GitHub reads it. Pure.
#include <string_view>
#include <vector>

namespace nectr::graph {

// Issue numbers that `text` closes with GitHub's closing keywords: close, closes, closed,
// fix, fixes, fixed, resolve, resolves, resolved, in any case, optionally followed by a
// colon, then "#N" or "owner/repo#N" naming `repo_full_name` (compared without case). Each
// reference needs its own keyword ("Fixes #1, fixes #2"); a keyword inside a word
// ("prefixes #3") or a reference to another repository closes nothing. Sorted, each once.
std::vector<int> ParseClosingReferences(std::string_view text, std::string_view repo_full_name);

}  // namespace nectr::graph
