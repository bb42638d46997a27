#include "review/diff_anchor.hpp"

#include <utility>

namespace nectr::review {
namespace {

// The lines [first, first + count) that a hunk shows on one side.
struct SideSpan {
    int first = 0;
    int count = 0;

    bool Contains(int line) const { return line >= first && line < first + count; }
};

SideSpan SpanOf(const Hunk& hunk, Side side) {
    const int start = side == Side::kLeft ? hunk.old_start : hunk.new_start;
    const int count = side == Side::kLeft ? hunk.old_count : hunk.new_count;
    return SideSpan{count > 0 ? start : start + 1, count};
}

const std::optional<int>& NumberOn(const DiffLine& line, Side side) {
    return side == Side::kLeft ? line.old_line : line.new_line;
}

}  // namespace

const Hunk* FindHunk(const FileDiff& file, int line, Side side) {
    for (const Hunk& hunk : file.hunks) {
        if (SpanOf(hunk, side).Contains(line)) {
            return &hunk;
        }
    }
    return nullptr;
}

std::string_view SideName(Side side) { return side == Side::kLeft ? "LEFT" : "RIGHT"; }

std::optional<CommentAnchor> AnchorComment(const FileDiff& file, LineRange range) {
    if (range.start > range.end) {
        std::swap(range.start, range.end);
    }
    const Hunk* hunk = FindHunk(file, range.start, range.side);
    if (hunk == nullptr || !SpanOf(*hunk, range.side).Contains(range.end)) {
        return std::nullopt;
    }
    CommentAnchor anchor;
    anchor.path = file.Path();
    anchor.line = range.end;
    anchor.side = range.side;
    if (range.start != range.end) {
        anchor.start_line = range.start;
        anchor.start_side = range.side;
    }
    return anchor;
}

std::optional<CommentAnchor> AnchorComment(const Diff& diff, std::string_view path,
                                           LineRange range) {
    const FileDiff* file = FindFile(diff, path);
    if (file == nullptr) {
        return std::nullopt;
    }
    return AnchorComment(*file, range);
}

bool IsLineInDiff(const FileDiff& file, int line, Side side) {
    return FindHunk(file, line, side) != nullptr;
}

std::optional<std::string_view> LineText(const FileDiff& file, int line, Side side) {
    const Hunk* hunk = FindHunk(file, line, side);
    if (hunk == nullptr) {
        return std::nullopt;
    }
    for (const DiffLine& diff_line : hunk->lines) {
        if (NumberOn(diff_line, side) == line) {
            return std::string_view(diff_line.text);
        }
    }
    return std::nullopt;
}

std::vector<int> ChangedNewLines(const FileDiff& file) {
    std::vector<int> lines;
    for (const Hunk& hunk : file.hunks) {
        for (const DiffLine& line : hunk.lines) {
            if (line.kind == LineKind::kAdded && line.new_line) {
                lines.push_back(*line.new_line);
            }
        }
    }
    return lines;
}

}  // namespace nectr::review
