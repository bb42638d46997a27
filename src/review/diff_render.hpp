#pragma once

#include <optional>
#include <string>

#include "review/diff.hpp"
#include "review/diff_anchor.hpp"

// Writes the diff model back as unified-diff text, for prompts and review bodies. Pure.
namespace nectr::review {

// "@@ -a,b +c,d @@ section" and the hunk's lines with their prefixes, each ending in "\n",
// with "\ No newline at end of file" after a line that has no line terminator.
std::string RenderHunk(const Hunk& hunk);

// A "diff --git" section as git writes it (mode, rename or copy lines, "---"/"+++" or a
// "Binary files ... differ" line) followed by the hunks. No "index" line: the model keeps no
// blob ids. ParseUnifiedDiff reads the result back to the same paths, status and hunks.
std::string RenderFile(const FileDiff& file);

// The part of one hunk that shows `range`, plus up to `context_lines` lines of the hunk on
// either side (fewer where the hunk ends), with a header whose numbers fit the slice. nullopt
// when AnchorComment would refuse the range (not in the diff, or across hunks).
std::optional<Hunk> SliceHunk(const FileDiff& file, LineRange range, int context_lines);

}  // namespace nectr::review
