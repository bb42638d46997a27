#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::review {

// What one line of a hunk does to the file.
enum class LineKind { kContext, kAdded, kRemoved };

// One line of a hunk. A context line has both numbers, an added line only the new one, a
// removed line only the old one (1-based, as in the files themselves).
struct DiffLine {
    LineKind kind = LineKind::kContext;
    std::optional<int> old_line;
    std::optional<int> new_line;
    // The line's content without the " ", "+" or "-" prefix and without trailing CRs, so that
    // a file with CRLF endings reads the same as one with LF endings.
    std::string text;
    // Set when the diff says "\ No newline at end of file" after this line: it is the last
    // line of its file (the old file for a removed line, the new one for an added line, both
    // for a context line) and has no line terminator.
    bool no_newline_at_end = false;

    bool operator==(const DiffLine&) const = default;
};

// One "@@ -old_start,old_count +new_start,new_count @@ section" block. As in unified diff
// format, a side with count 0 has start = the line after which the hunk applies.
struct Hunk {
    int old_start = 0;
    int old_count = 0;
    int new_start = 0;
    int new_count = 0;
    std::string section;  // the text after the second "@@", usually the enclosing function
    std::vector<DiffLine> lines;

    bool operator==(const Hunk&) const = default;
};

enum class FileStatus { kAdded, kDeleted, kModified, kRenamed, kCopied };

// The changes to one file. Paths have git's "a/" and "b/" prefixes removed. For an added or
// a deleted file both paths name the file (never "/dev/null"); `status` says which side is
// empty. A mode-only change, a pure rename, an empty new file and a binary file have no hunks.
struct FileDiff {
    std::string old_path;
    std::string new_path;
    FileStatus status = FileStatus::kModified;
    std::optional<std::string> old_mode;  // e.g. "100644", when the diff states it
    std::optional<std::string> new_mode;
    bool binary = false;
    std::optional<int> similarity;  // percent, for renames and copies
    std::vector<Hunk> hunks;
    int additions = 0;
    int deletions = 0;

    // The path GitHub files comments under: the new path, or the old one for a deleted file.
    const std::string& Path() const;

    bool operator==(const FileDiff&) const = default;
};

// A whole diff: the files in the order the diff lists them.
struct Diff {
    std::vector<FileDiff> files;

    int Additions() const;
    int Deletions() const;

    bool operator==(const Diff&) const = default;
};

// The file whose new path (or, failing that, old path) is `path`; nullptr when none is.
const FileDiff* FindFile(const Diff& diff, std::string_view path);

// "added", "removed", "modified", "renamed", "copied": the names GitHub's "list pull request
// files" API uses, so that logs and stored rows read the same as GitHub's own.
std::string_view FileStatusName(FileStatus status);

// The reverse of FileStatusName, also accepting GitHub's "changed" (a mode-only change) and
// "unchanged" as kModified; nullopt for anything else.
std::optional<FileStatus> ParseFileStatus(std::string_view name);

}  // namespace nectr::review
