#include <string>
#include <string_view>

#include "core/error.hpp"
#include "entries.hpp"
#include "review/diff.hpp"
#include "review/diff_anchor.hpp"
#include "review/diff_parser.hpp"
#include "review/diff_render.hpp"

namespace nectr::fuzz {
namespace {

// What the pipeline does with each parsed file: anchors a comment on every changed line,
// slices context around it and renders the file for the prompt.
void Exercise(const review::FileDiff& file) {
    int added = 0;
    int removed = 0;
    for (const auto& hunk : file.hunks) {
        for (const auto& line : hunk.lines) {
            added += line.kind == review::LineKind::kAdded ? 1 : 0;
            removed += line.kind == review::LineKind::kRemoved ? 1 : 0;
        }
        (void)review::RenderHunk(hunk);
    }
    NECTR_ASSERT(added == file.additions, "a file's additions count its added lines");
    NECTR_ASSERT(removed == file.deletions, "a file's deletions count its removed lines");
    for (int line : review::ChangedNewLines(file)) {
        NECTR_ASSERT(review::IsLineInDiff(file, line, review::Side::kRight),
                     "a changed line is commentable");
        (void)review::LineText(file, line, review::Side::kRight);
        (void)review::AnchorComment(file, {line - 1, line + 1, review::Side::kRight});
        (void)review::SliceHunk(file, {line, line, review::Side::kRight}, 3);
    }
    (void)review::RenderFile(file);
}

}  // namespace

void FuzzDiffParser(std::string_view data) {
    auto diff = review::ParseUnifiedDiff(data);
    if (diff) {
        for (const auto& file : diff->files) {
            Exercise(file);
        }
    }
    auto patch = review::ParsePatch("fuzz/file.cpp", review::FileStatus::kModified, data);
    if (patch) {
        Exercise(*patch);
    }
}

}  // namespace nectr::fuzz
