#include "review/diff_render.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>

#include "review/diff_paths.hpp"

namespace nectr::review {
namespace {

constexpr std::string_view kDefaultMode = "100644";

// "12,3", or "12" for one line, as git writes it.
std::string RangeText(int start, int count) {
    return count == 1 ? fmt::format("{}", start) : fmt::format("{},{}", start, count);
}

char Prefix(LineKind kind) {
    switch (kind) {
        case LineKind::kAdded:
            return '+';
        case LineKind::kRemoved:
            return '-';
        case LineKind::kContext:
            return ' ';
    }
    return ' ';
}

// A "---"/"+++" name: git appends a tab to an unquoted name with a space, so that readers that
// cut "\t<timestamp>" keep the whole name.
std::string NameLineText(std::string_view prefix, const std::string& path) {
    std::string quoted = QuoteNameIfNeeded(std::string(prefix) + path);
    if (quoted.front() != '"' && quoted.find(' ') != std::string::npos) {
        quoted += '\t';
    }
    return quoted;
}

void AppendModeLines(const FileDiff& file, std::string& out) {
    switch (file.status) {
        case FileStatus::kAdded:
            out += fmt::format("new file mode {}\n",
                               file.new_mode.value_or(std::string(kDefaultMode)));
            return;
        case FileStatus::kDeleted:
            out += fmt::format("deleted file mode {}\n",
                               file.old_mode.value_or(std::string(kDefaultMode)));
            return;
        default:
            break;
    }
    if (file.old_mode && file.new_mode && *file.old_mode != *file.new_mode) {
        out += fmt::format("old mode {}\nnew mode {}\n", *file.old_mode, *file.new_mode);
    }
}

void AppendMoveLines(const FileDiff& file, std::string& out) {
    if (file.status != FileStatus::kRenamed && file.status != FileStatus::kCopied) {
        return;
    }
    const std::string_view verb = file.status == FileStatus::kRenamed ? "rename" : "copy";
    if (file.similarity) {
        out += fmt::format("similarity index {}%\n", *file.similarity);
    }
    out += fmt::format("{} from {}\n{} to {}\n", verb, QuoteNameIfNeeded(file.old_path), verb,
                       QuoteNameIfNeeded(file.new_path));
}

// Index of the line numbered `number` on `side` within `hunk`.
std::size_t IndexOf(const Hunk& hunk, int number, Side side) {
    for (std::size_t i = 0; i < hunk.lines.size(); ++i) {
        const auto& line_number =
            side == Side::kLeft ? hunk.lines[i].old_line : hunk.lines[i].new_line;
        if (line_number == number) {
            return i;
        }
    }
    return hunk.lines.size();
}

}  // namespace

std::string RenderHunk(const Hunk& hunk) {
    std::string out = fmt::format("@@ -{} +{} @@", RangeText(hunk.old_start, hunk.old_count),
                                  RangeText(hunk.new_start, hunk.new_count));
    if (!hunk.section.empty()) {
        out += ' ';
        out += hunk.section;
    }
    out += '\n';
    for (const DiffLine& line : hunk.lines) {
        out += Prefix(line.kind);
        out += line.text;
        out += '\n';
        if (line.no_newline_at_end) {
            out += "\\ No newline at end of file\n";
        }
    }
    return out;
}

std::string RenderFile(const FileDiff& file) {
    const bool added = file.status == FileStatus::kAdded;
    const bool deleted = file.status == FileStatus::kDeleted;
    std::string out = fmt::format("diff --git {} {}\n", QuoteNameIfNeeded("a/" + file.old_path),
                                  QuoteNameIfNeeded("b/" + file.new_path));
    AppendModeLines(file, out);
    AppendMoveLines(file, out);
    const std::string old_name = added ? "/dev/null" : QuoteNameIfNeeded("a/" + file.old_path);
    const std::string new_name = deleted ? "/dev/null" : QuoteNameIfNeeded("b/" + file.new_path);
    if (file.binary) {
        out += fmt::format("Binary files {} and {} differ\n", old_name, new_name);
        return out;
    }
    if (file.hunks.empty()) {
        return out;
    }
    out += fmt::format("--- {}\n+++ {}\n", added ? "/dev/null" : NameLineText("a/", file.old_path),
                       deleted ? "/dev/null" : NameLineText("b/", file.new_path));
    for (const Hunk& hunk : file.hunks) {
        out += RenderHunk(hunk);
    }
    return out;
}

std::optional<Hunk> SliceHunk(const FileDiff& file, LineRange range, int context_lines) {
    if (range.start > range.end) {
        std::swap(range.start, range.end);
    }
    const Hunk* hunk = FindHunk(file, range.start, range.side);
    if (hunk == nullptr || FindHunk(file, range.end, range.side) != hunk) {
        return std::nullopt;
    }
    const std::size_t first = IndexOf(*hunk, range.start, range.side);
    const std::size_t last = IndexOf(*hunk, range.end, range.side);
    if (first >= hunk->lines.size() || last >= hunk->lines.size()) {
        return std::nullopt;  // a hunk whose lines disagree with its header
    }
    const auto context = static_cast<std::size_t>(std::max(context_lines, 0));
    const std::size_t begin = first > context ? first - context : 0;
    const std::size_t end = std::min(hunk->lines.size(), last + 1 + context);
    Hunk slice;
    slice.section = hunk->section;
    // Where each side stands at `begin`: the hunk's first line plus the lines before it.
    int old_next = hunk->old_count > 0 ? hunk->old_start : hunk->old_start + 1;
    int new_next = hunk->new_count > 0 ? hunk->new_start : hunk->new_start + 1;
    for (std::size_t i = 0; i < begin; ++i) {
        old_next += hunk->lines[i].old_line ? 1 : 0;
        new_next += hunk->lines[i].new_line ? 1 : 0;
    }
    for (std::size_t i = begin; i < end; ++i) {
        slice.lines.push_back(hunk->lines[i]);
        slice.old_count += hunk->lines[i].old_line ? 1 : 0;
        slice.new_count += hunk->lines[i].new_line ? 1 : 0;
    }
    slice.old_start = slice.old_count > 0 ? old_next : old_next - 1;
    slice.new_start = slice.new_count > 0 ? new_next : new_next - 1;
    return slice;
}

}  // namespace nectr::review
