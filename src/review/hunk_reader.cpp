#include "review/hunk_reader.hpp"

#include <fmt/core.h>

#include <charconv>
#include <string>

namespace nectr::review {
namespace {

// No real file has this many lines; the bound keeps start + count far from overflow.
constexpr int kMaxLineNumber = 1'000'000'000;

// Reads a decimal number at the front of `text` and removes it.
std::optional<int> TakeNumber(std::string_view& text) {
    int value = 0;
    const char* end = text.data() + text.size();
    auto [next, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || next == text.data() || value < 0 || value > kMaxLineNumber) {
        return std::nullopt;
    }
    text.remove_prefix(static_cast<std::size_t>(next - text.data()));
    return value;
}

bool TakePrefix(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) {
        return false;
    }
    text.remove_prefix(prefix.size());
    return true;
}

// "12,3" or "12" (count 1). A side with lines cannot start at line 0.
bool TakeRange(std::string_view& text, int& start, int& count) {
    auto first = TakeNumber(text);
    if (!first) {
        return false;
    }
    start = *first;
    count = 1;
    if (TakePrefix(text, ",")) {
        auto second = TakeNumber(text);
        if (!second) {
            return false;
        }
        count = *second;
    }
    return count == 0 || start > 0;
}

// The first line number a hunk covers on a side (for an empty side: where it would be).
int FirstLine(int start, int count) { return count > 0 ? start : start + 1; }

core::Error Invalid(int line, std::string_view what) {
    return core::MakeError(core::Errc::kInvalidInput, fmt::format("line {}: {}", line, what));
}

std::string_view Describe(char tag) {
    switch (tag) {
        case '+':
            return "an added line";
        case '-':
            return "a removed line";
        case ' ':
            return "a context line";
        default:
            return "a line that is not part of a hunk";
    }
}

// Where one hunk's reading stands: lines still expected and sides already ended.
struct HunkState {
    int header_line = 0;
    int old_left = 0;
    int new_left = 0;
    int old_next = 0;
    int new_next = 0;
    bool old_ended = false;
    bool new_ended = false;
};

core::Error Shortfall(const HunkState& state, int line, std::string_view found) {
    return Invalid(line, fmt::format("the hunk at line {} still expects {} old and {} new "
                                     "lines, but finds {}",
                                     state.header_line, state.old_left, state.new_left, found));
}

// Applies a "\ No newline at end of file" line to the line before it.
core::Result<void> MarkNoNewline(Hunk& hunk, HunkState& state, int line) {
    if (hunk.lines.empty() || hunk.lines.back().no_newline_at_end) {
        return Invalid(line, "\"\\ No newline at end of file\" does not follow a line");
    }
    DiffLine& last = hunk.lines.back();
    last.no_newline_at_end = true;
    state.old_ended = state.old_ended || last.old_line.has_value();
    state.new_ended = state.new_ended || last.new_line.has_value();
    return {};
}

// Turns one body line into a DiffLine, checking it against what the header still expects.
core::Result<DiffLine> TakeBodyLine(std::string_view line, HunkState& state, int number) {
    // An empty line is a context line whose " " was stripped (by editors and mail), as git
    // apply reads it.
    const char tag = line.empty() ? ' ' : line[0];
    const bool has_old = tag == ' ' || tag == '-';
    const bool has_new = tag == ' ' || tag == '+';
    if (!has_old && !has_new) {
        return Shortfall(state, number, Describe(tag));
    }
    if ((has_old && state.old_left == 0) || (has_new && state.new_left == 0)) {
        return Shortfall(state, number, Describe(tag));
    }
    if ((has_old && state.old_ended) || (has_new && state.new_ended)) {
        return Invalid(number, "a line follows the last line of its file");
    }
    DiffLine out;
    out.kind =
        tag == ' ' ? LineKind::kContext : (tag == '+' ? LineKind::kAdded : LineKind::kRemoved);
    std::string_view text = line.empty() ? line : line.substr(1);
    while (text.ends_with('\r')) {
        text.remove_suffix(1);  // CRLF files; one CR is already gone with the diff's own CRLF
    }
    out.text = std::string(text);
    if (has_old) {
        out.old_line = state.old_next++;
        --state.old_left;
    }
    if (has_new) {
        out.new_line = state.new_next++;
        --state.new_left;
    }
    return out;
}

core::Result<Hunk> ReadHunk(LineCursor& lines, HunkState& state) {
    state.header_line = lines.Number();
    auto parsed = ParseHunkHeader(lines.Current());
    if (!parsed) {
        return Invalid(lines.Number(), "malformed hunk header");
    }
    Hunk hunk = std::move(*parsed);
    state.old_left = hunk.old_count;
    state.new_left = hunk.new_count;
    state.old_next = FirstLine(hunk.old_start, hunk.old_count);
    state.new_next = FirstLine(hunk.new_start, hunk.new_count);
    lines.Advance();
    while (!lines.AtEnd()) {
        const std::string_view line = lines.Current();
        if (line.starts_with('\\')) {
            auto marked = MarkNoNewline(hunk, state, lines.Number());
            if (!marked) {
                return marked.error();
            }
            lines.Advance();
            continue;
        }
        if (state.old_left == 0 && state.new_left == 0) {
            break;
        }
        auto body = TakeBodyLine(line, state, lines.Number());
        if (!body) {
            return body.error();
        }
        hunk.lines.push_back(std::move(*body));
        lines.Advance();
    }
    if (state.old_left > 0 || state.new_left > 0) {
        return Shortfall(state, lines.Number(), "the end of the diff");
    }
    return hunk;
}

core::Result<void> CheckOrder(const Hunk& previous, const Hunk& next, int line) {
    const int old_end = FirstLine(previous.old_start, previous.old_count) + previous.old_count;
    const int new_end = FirstLine(previous.new_start, previous.new_count) + previous.new_count;
    if (FirstLine(next.old_start, next.old_count) < old_end ||
        FirstLine(next.new_start, next.new_count) < new_end) {
        return Invalid(line, "the hunk overlaps or comes before the one above it");
    }
    return {};
}

core::Result<void> CheckStatus(const FileDiff& file, const Hunk& hunk, int line) {
    if (file.status == FileStatus::kAdded && hunk.old_count != 0) {
        return Invalid(line, "a hunk of a new file has old lines");
    }
    if (file.status == FileStatus::kDeleted && hunk.new_count != 0) {
        return Invalid(line, "a hunk of a deleted file has new lines");
    }
    return {};
}

// True for a line that can only be one more line of the hunk above it. A "--- " line that
// opens another file and the "-- " that ends a mailed patch are not.
bool LooksLikeHunkLine(const LineCursor& lines) {
    const std::string_view line = lines.Current();
    if (line.empty()) {
        return false;
    }
    if (line == "--" || line == "-- ") {
        return false;
    }
    if (line.starts_with("--- ")) {
        auto next = lines.Next();
        return !(next && next->starts_with("+++ "));
    }
    return line[0] == '+' || line[0] == '-' || line[0] == ' ';
}

}  // namespace

LineCursor::LineCursor(std::string_view text) : text_(text) {
    end_ = text_.find('\n');
    if (end_ == std::string_view::npos) {
        end_ = text_.size();
    }
}

std::string_view LineCursor::Current() const {
    if (AtEnd()) {
        return {};
    }
    std::string_view line = text_.substr(start_, end_ - start_);
    if (line.ends_with('\r')) {
        line.remove_suffix(1);
    }
    return line;
}

std::optional<std::string_view> LineCursor::Next() const {
    LineCursor copy = *this;
    copy.Advance();
    if (copy.AtEnd()) {
        return std::nullopt;
    }
    return copy.Current();
}

void LineCursor::Advance() {
    if (AtEnd()) {
        return;
    }
    start_ = end_ + 1;
    ++number_;
    if (start_ >= text_.size()) {
        end_ = text_.size();
        return;
    }
    end_ = text_.find('\n', start_);
    if (end_ == std::string_view::npos) {
        end_ = text_.size();
    }
}

std::optional<Hunk> ParseHunkHeader(std::string_view line) {
    Hunk hunk;
    if (!TakePrefix(line, "@@ -") || !TakeRange(line, hunk.old_start, hunk.old_count) ||
        !TakePrefix(line, " +") || !TakeRange(line, hunk.new_start, hunk.new_count) ||
        !TakePrefix(line, " @@")) {
        return std::nullopt;
    }
    TakePrefix(line, " ");
    hunk.section = std::string(line);
    return hunk;
}

core::Result<void> ReadHunks(LineCursor& lines, FileDiff& file) {
    HunkState state;
    while (!lines.AtEnd() && lines.Current().starts_with("@@ ")) {
        const int header_line = lines.Number();
        if (state.old_ended || state.new_ended) {
            return Invalid(header_line, "a hunk follows the end of its file");
        }
        auto hunk = ReadHunk(lines, state);
        if (!hunk) {
            return hunk.error();
        }
        if (!file.hunks.empty()) {
            auto ordered = CheckOrder(file.hunks.back(), *hunk, header_line);
            if (!ordered) {
                return ordered.error();
            }
        }
        auto consistent = CheckStatus(file, *hunk, header_line);
        if (!consistent) {
            return consistent.error();
        }
        for (const DiffLine& line : hunk->lines) {
            file.additions += line.kind == LineKind::kAdded ? 1 : 0;
            file.deletions += line.kind == LineKind::kRemoved ? 1 : 0;
        }
        file.hunks.push_back(std::move(*hunk));
    }
    if (!lines.AtEnd() && LooksLikeHunkLine(lines)) {
        if (file.hunks.empty()) {
            return Invalid(lines.Number(), "a changed line outside any hunk");
        }
        return Invalid(lines.Number(), fmt::format("the hunk at line {} has more lines than its "
                                                   "header counts",
                                                   state.header_line));
    }
    return {};
}

}  // namespace nectr::review
