#pragma once

// What a change is about, as the code index can search it: the most distinctive identifiers
// its hunks define, call or name, and the lines it changes (the index holds the code before
// the change, so its chunks over those lines repeat the diff). Pure.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "review/diff.hpp"

namespace nectr::review {

// At most `limit` identifiers of the change, most distinctive first: names a hunk header's
// function context or a changed line defines or calls outweigh names that are only used;
// compound names (parseDiffHunk, MAX_RETRIES) and longer ones outweigh short plain words;
// keywords and names every program uses (if, return, self, std, len) never count.
std::vector<std::string> ChangedIdentifiers(const std::vector<FileDiff>& files, std::size_t limit);

// Inclusive 1-based line spans, per path, that a change touches: the removed lines and the
// place of the added ones in the old file (under the old path), and the added lines in the
// new file (under the new path).
using ChangedSpans = std::map<std::string, std::vector<std::pair<int, int>>>;
ChangedSpans ChangedLineSpans(const std::vector<FileDiff>& files);

// Whether lines start..end of `path` overlap a span of `spans`.
bool OverlapsChange(const ChangedSpans& spans, const std::string& path, std::int64_t start,
                    std::int64_t end);

}  // namespace nectr::review
