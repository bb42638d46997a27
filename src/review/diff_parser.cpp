#include "review/diff_parser.hpp"

#include <fmt/core.h>

#include <charconv>
#include <optional>
#include <utility>

#include "review/diff_paths.hpp"
#include "review/hunk_reader.hpp"

namespace nectr::review {
namespace {

constexpr std::string_view kDevNull = "/dev/null";
constexpr std::string_view kGitHeader = "diff --git ";

// What the header lines of one "diff --git" section said about names and status.
struct GitHeader {
    std::optional<std::pair<std::string, std::string>> header_names;  // with prefixes
    std::string header_text;  // the part after "diff --git ", for the last-resort split
    std::optional<std::string> minus_name;  // "---" line, prefix on; may be /dev/null
    std::optional<std::string> plus_name;
    std::optional<std::string> rename_from;
    std::optional<std::string> rename_to;
    std::optional<std::string> copy_from;
    std::optional<std::string> copy_to;
    bool new_file = false;
    bool deleted_file = false;
};

core::Error Invalid(int line, std::string_view what) {
    return core::MakeError(core::Errc::kInvalidInput, fmt::format("line {}: {}", line, what));
}

bool TakePrefix(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) {
        return false;
    }
    text.remove_prefix(prefix.size());
    return true;
}

// Reads a "---" line and the "+++" line after it; the cursor ends after both.
core::Result<std::pair<std::string, std::string>> ReadNamePair(LineCursor& lines) {
    const int line = lines.Number();
    auto next = lines.Next();
    if (!next || !next->starts_with("+++ ")) {
        return Invalid(line, "a \"---\" line without a \"+++\" line after it");
    }
    auto minus = ParseHeaderName(lines.Current().substr(4));
    auto plus = ParseHeaderName(next->substr(4));
    if (!minus || !plus || minus->empty() || plus->empty()) {
        return Invalid(minus && !minus->empty() ? line + 1 : line, "malformed file name");
    }
    lines.Advance();
    lines.Advance();
    return std::make_pair(std::move(*minus), std::move(*plus));
}

std::optional<int> ParsePercent(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // The text may end right after the digits: "%" must be checked before it is read.
    const char* const text_end = text.data() + text.size();
    if (ec != std::errc() || end == text.data() || end == text_end || *end != '%' || value < 0 ||
        value > 100) {
        return std::nullopt;
    }
    return value;
}

// Returns false when `line` names a file but the name is malformed.
bool TakeName(std::string_view line, std::string_view prefix, std::optional<std::string>& out) {
    if (!TakePrefix(line, prefix)) {
        return true;
    }
    out = ParseHeaderName(line);
    return out.has_value() && !out->empty();
}

// One extended header line ("old mode 100644", "rename from x", ...). Unknown lines are
// skipped, as git does.
core::Result<void> ApplyHeaderLine(std::string_view line, int number, GitHeader& header,
                                   FileDiff& file) {
    std::string_view rest = line;
    if (TakePrefix(rest, "old mode ")) {
        file.old_mode = std::string(rest);
    } else if (TakePrefix(rest, "new mode ")) {
        file.new_mode = std::string(rest);
    } else if (TakePrefix(rest, "deleted file mode ")) {
        file.old_mode = std::string(rest);
        header.deleted_file = true;
    } else if (TakePrefix(rest, "new file mode ")) {
        file.new_mode = std::string(rest);
        header.new_file = true;
    } else if (TakePrefix(rest, "similarity index ")) {
        file.similarity = ParsePercent(rest);
    } else if (TakePrefix(rest, "index ")) {
        // "index abc123..def456 100644": the mode is there when it did not change.
        const std::size_t space = rest.find(' ');
        if (space != std::string_view::npos && !file.old_mode && !file.new_mode) {
            file.old_mode = file.new_mode = std::string(rest.substr(space + 1));
        }
    } else if (!TakeName(line, "rename from ", header.rename_from) ||
               !TakeName(line, "rename to ", header.rename_to) ||
               !TakeName(line, "copy from ", header.copy_from) ||
               !TakeName(line, "copy to ", header.copy_to)) {
        return Invalid(number, "malformed file name");
    }
    return {};
}

// Skips the base85 data of a "GIT binary patch" up to the next file.
void SkipBinaryPatch(LineCursor& lines) {
    while (!lines.AtEnd() && !lines.Current().starts_with(kGitHeader)) {
        lines.Advance();
    }
}

// Reads the header lines of a "diff --git" section; the cursor ends on its first hunk, its
// next file, or a line the header cannot contain.
core::Result<void> ReadGitHeaderLines(LineCursor& lines, GitHeader& header, FileDiff& file) {
    while (!lines.AtEnd()) {
        const std::string_view line = lines.Current();
        if (line.starts_with(kGitHeader) || line.starts_with("@@ ")) {
            return {};
        }
        if (line.starts_with("--- ")) {
            auto names = ReadNamePair(lines);
            if (!names) {
                return names.error();
            }
            header.minus_name = std::move(names->first);
            header.plus_name = std::move(names->second);
            return {};
        }
        if (line.starts_with("Binary files ") || line == "GIT binary patch") {
            file.binary = true;
            lines.Advance();
            SkipBinaryPatch(lines);
            return {};
        }
        if (line.starts_with('+') || line.starts_with('-') || line.starts_with(' ')) {
            return {};  // ReadHunks tells a stray changed line from a mail signature
        }
        auto applied = ApplyHeaderLine(line, lines.Number(), header, file);
        if (!applied) {
            return applied.error();
        }
        lines.Advance();
    }
    return {};
}

// The old or new name of a git section: the most specific line that states it wins.
std::optional<std::string> ResolveName(const std::optional<std::string>& moved,
                                       const std::optional<std::string>& header_line_name,
                                       const std::optional<std::string>& git_name,
                                       std::string_view prefix) {
    if (moved) {
        return *moved;
    }
    if (header_line_name && *header_line_name != kDevNull) {
        return StripPrefix(*header_line_name, prefix);
    }
    if (git_name) {
        return StripPrefix(*git_name, prefix);
    }
    return std::nullopt;
}

FileStatus ResolveStatus(const GitHeader& header) {
    if (header.rename_from || header.rename_to) {
        return FileStatus::kRenamed;
    }
    if (header.copy_from || header.copy_to) {
        return FileStatus::kCopied;
    }
    if (header.new_file || header.minus_name == kDevNull) {
        return FileStatus::kAdded;
    }
    if (header.deleted_file || header.plus_name == kDevNull) {
        return FileStatus::kDeleted;
    }
    return FileStatus::kModified;
}

core::Result<void> ResolveGitFile(const GitHeader& header, int line, FileDiff& file) {
    auto git_names = header.header_names;
    if (!git_names) {
        // A rename whose names contain spaces and has no other name lines: split at " b/".
        const std::size_t split = header.header_text.find(" b/");
        if (split != std::string::npos) {
            git_names = std::make_pair(header.header_text.substr(0, split),
                                       header.header_text.substr(split + 1));
        }
    }
    std::optional<std::string> git_old;
    std::optional<std::string> git_new;
    if (git_names) {
        git_old = git_names->first;
        git_new = git_names->second;
    }
    const auto& moved_from = header.rename_from ? header.rename_from : header.copy_from;
    const auto& moved_to = header.rename_to ? header.rename_to : header.copy_to;
    auto old_name = ResolveName(moved_from, header.minus_name, git_old, "a/");
    auto new_name = ResolveName(moved_to, header.plus_name, git_new, "b/");
    file.status = ResolveStatus(header);
    if (file.status == FileStatus::kAdded && new_name) {
        old_name = new_name;
    } else if (file.status == FileStatus::kDeleted && old_name) {
        new_name = old_name;
    }
    if (!old_name || !new_name || old_name->empty() || new_name->empty()) {
        return Invalid(line, "cannot tell the file's name from its header");
    }
    file.old_path = std::move(*old_name);
    file.new_path = std::move(*new_name);
    return {};
}

core::Result<FileDiff> ReadGitFile(LineCursor& lines) {
    const int header_line = lines.Number();
    GitHeader header;
    header.header_text = std::string(lines.Current().substr(kGitHeader.size()));
    header.header_names = SplitGitHeaderNames(header.header_text);
    lines.Advance();
    FileDiff file;
    auto read = ReadGitHeaderLines(lines, header, file);
    if (!read) {
        return read.error();
    }
    auto resolved = ResolveGitFile(header, header_line, file);
    if (!resolved) {
        return resolved.error();
    }
    if (file.status != FileStatus::kRenamed && file.status != FileStatus::kCopied) {
        file.similarity.reset();
    }
    auto hunks = ReadHunks(lines, file);
    if (!hunks) {
        return hunks.error();
    }
    return file;
}

// Fills the paths and status of a plain diff's file from its "---"/"+++" names.
core::Result<void> ResolvePlainNames(std::string old_name, std::string new_name, int line,
                                     FileDiff& file) {
    const bool added = old_name == kDevNull;
    const bool deleted = new_name == kDevNull;
    if (added && deleted) {
        return Invalid(line, "both sides of the file are /dev/null");
    }
    // Strip "a/" and "b/" only when both sides follow git's convention.
    if ((added || old_name.starts_with("a/")) && (deleted || new_name.starts_with("b/"))) {
        old_name = StripPrefix(std::move(old_name), "a/");
        new_name = StripPrefix(std::move(new_name), "b/");
    }
    file.status =
        added ? FileStatus::kAdded : (deleted ? FileStatus::kDeleted : FileStatus::kModified);
    file.old_path = added ? new_name : old_name;
    file.new_path = deleted ? old_name : new_name;
    if (file.old_path.empty() || file.new_path.empty()) {
        return Invalid(line, "malformed file name");
    }
    return {};
}

core::Result<FileDiff> ReadPlainFile(LineCursor& lines) {
    const int header_line = lines.Number();
    auto names = ReadNamePair(lines);
    if (!names) {
        return names.error();
    }
    FileDiff file;
    auto resolved =
        ResolvePlainNames(std::move(names->first), std::move(names->second), header_line, file);
    if (!resolved) {
        return resolved.error();
    }
    auto hunks = ReadHunks(lines, file);
    if (!hunks) {
        return hunks.error();
    }
    return file;
}

// "Binary files old and new differ" outside a git section, as `diff -r` prints it.
std::optional<FileDiff> ParsePlainBinary(std::string_view line) {
    if (!TakePrefix(line, "Binary files ") || !line.ends_with(" differ")) {
        return std::nullopt;
    }
    line.remove_suffix(std::string_view(" differ").size());
    const std::size_t split = line.find(" and ");
    if (split == std::string_view::npos) {
        return std::nullopt;
    }
    auto old_name = ParseHeaderName(line.substr(0, split));
    auto new_name = ParseHeaderName(line.substr(split + 5));
    FileDiff file;
    if (!old_name || !new_name || old_name->empty() || new_name->empty() ||
        !ResolvePlainNames(std::move(*old_name), std::move(*new_name), 0, file)) {
        return std::nullopt;
    }
    file.binary = true;
    return file;
}

// A "---" line with a "+++" line after it opens a file of a plain diff.
bool StartsPlainFile(const LineCursor& lines) {
    if (!lines.Current().starts_with("--- ")) {
        return false;
    }
    auto next = lines.Next();
    return next && next->starts_with("+++ ");
}

bool IsBlank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

core::Result<Diff> ParseUnifiedDiff(std::string_view text) {
    LineCursor lines(text);
    Diff diff;
    while (!lines.AtEnd()) {
        const std::string_view line = lines.Current();
        if (line.starts_with("diff --cc ") || line.starts_with("diff --combined ")) {
            return Invalid(lines.Number(), "combined diffs of merge commits are not supported");
        }
        if (line.starts_with("@@ ")) {
            return Invalid(lines.Number(), "a hunk without a file header");
        }
        const bool git = line.starts_with(kGitHeader);
        if (git || StartsPlainFile(lines)) {
            auto file = git ? ReadGitFile(lines) : ReadPlainFile(lines);
            if (!file) {
                return file.error();
            }
            diff.files.push_back(std::move(*file));
            continue;
        }
        if (auto binary = ParsePlainBinary(line)) {
            diff.files.push_back(std::move(*binary));
        }
        lines.Advance();  // else a commit message, mail headers, "Only in ..." and the like
    }
    if (diff.files.empty() && !IsBlank(text)) {
        return Invalid(lines.Number(), "no file header (\"diff --git\" or \"---\"/\"+++\")");
    }
    return diff;
}

core::Result<FileDiff> ParsePatch(std::string path, FileStatus status, std::string_view patch,
                                  std::string previous_path) {
    FileDiff file;
    file.old_path = previous_path.empty() ? path : std::move(previous_path);
    file.new_path = std::move(path);
    file.status = status;
    LineCursor lines(patch);
    while (!lines.AtEnd() && IsBlank(lines.Current())) {
        lines.Advance();
    }
    if (!lines.AtEnd() && !lines.Current().starts_with("@@ ")) {
        return Invalid(lines.Number(), "a patch must start with a hunk header");
    }
    auto hunks = ReadHunks(lines, file);
    if (!hunks) {
        return hunks.error();
    }
    while (!lines.AtEnd() && IsBlank(lines.Current())) {
        lines.Advance();
    }
    if (!lines.AtEnd()) {
        return Invalid(lines.Number(), "text after the last hunk");
    }
    return file;
}

}  // namespace nectr::review
