#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "review/diff.hpp"

// Where GitHub lets a review comment sit. GitHub accepts an inline comment only on a line
// that appears in the pull request's diff, and a multi-line comment only within one hunk; a
// comment that fails this must go into the review body instead. Pure.
namespace nectr::review {

// LEFT is the old file (removed lines, and context lines by their old number); RIGHT is the
// new file (added lines, and context lines by their new number). GitHub's names.
enum class Side { kLeft, kRight };

// "LEFT" or "RIGHT", as the review comments API spells them.
std::string_view SideName(Side side);

// Lines start..end (inclusive, 1-based) of one side of a file.
struct LineRange {
    int start = 0;
    int end = 0;
    Side side = Side::kRight;
};

// The fields of a review comment that place it: `line` and `side`, plus `start_line` and
// `start_side` for a comment that spans several lines.
struct CommentAnchor {
    std::string path;
    int line = 0;
    Side side = Side::kRight;
    std::optional<int> start_line;
    std::optional<Side> start_side;

    bool operator==(const CommentAnchor&) const = default;
};

// The anchor for a comment on `range` of `file`, or nullopt when GitHub would refuse it: some
// line of the range is not in the diff on that side, or the range spans two hunks. A range
// given end first is read start first. A one-line range has no start_line.
std::optional<CommentAnchor> AnchorComment(const FileDiff& file, LineRange range);

// The same, for the file of `diff` at `path` (see FindFile); nullopt when no file has it.
std::optional<CommentAnchor> AnchorComment(const Diff& diff, std::string_view path,
                                           LineRange range);

// The hunk that shows line `line` of the given side, or nullptr when none does.
const Hunk* FindHunk(const FileDiff& file, int line, Side side);

// True when line `line` of the given side appears in one of the file's hunks.
bool IsLineInDiff(const FileDiff& file, int line, Side side);

// The text of that line as the diff shows it (no prefix, no CR); nullopt when it is not in the
// diff. The view points into `file`.
std::optional<std::string_view> LineText(const FileDiff& file, int line, Side side);

// New-file numbers of the added lines, ascending: the lines a review is about.
std::vector<int> ChangedNewLines(const FileDiff& file);

}  // namespace nectr::review
