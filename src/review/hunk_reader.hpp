#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "review/diff.hpp"

// The part of diff parsing shared by whole diffs and GitHub's per-file "patch" field: walking
// lines and reading hunks. Pure.
namespace nectr::review {

// Walks text line by line. A line excludes its "\n" and one trailing "\r", so a diff with CRLF
// line endings reads like one with LF. The empty remainder after a final "\n" is no line.
class LineCursor {
public:
    explicit LineCursor(std::string_view text);

    bool AtEnd() const { return start_ >= text_.size(); }
    // The current line; empty at the end.
    std::string_view Current() const;
    // The line after the current one; nullopt when there is none.
    std::optional<std::string_view> Next() const;
    void Advance();
    // 1-based number of the current line, for error messages.
    int Number() const { return number_; }

private:
    std::string_view text_;
    std::size_t start_ = 0;
    std::size_t end_ = 0;
    int number_ = 1;
};

// The numbers of "@@ -old_start[,old_count] +new_start[,new_count] @@[ section]"; a missing
// count is 1. nullopt unless the line has exactly that form with sane numbers.
std::optional<Hunk> ParseHunkHeader(std::string_view line);

// Reads the hunks that start at the cursor (which is on a "@@ " line) into `file`, counting
// its additions and deletions. Checks that each hunk has as many lines as its header says,
// that hunks come in order without overlapping, that nothing follows a "\ No newline at end
// of file" line on its side, and that an added file keeps no old lines (a deleted file no new
// ones). Stops after the last hunk; a line right after it that looks like one more hunk line
// is an error. Errors are kInvalidInput naming the line.
core::Result<void> ReadHunks(LineCursor& lines, FileDiff& file);

}  // namespace nectr::review
