#pragma once

// Files that change together with a change's files, from the imported commit history. Blocks
// (reads the store).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// Commits that change more files than this are left out of co-change counts: vendoring, mass
// renames and reformatting couple everything with everything.
inline constexpr std::int64_t kMaxCoChangeCommitFiles = 50;

struct CoChangedFile {
    std::string path;
    std::string with;          // the asked path it changes with most reliably
    std::int64_t shared = 0;   // commits that changed both (support)
    std::int64_t commits = 0;  // commits that changed `with`
    double confidence = 0;     // shared / commits
};

// The files of repository `repository_id` that changed in the same commits as one of `paths`,
// other than `paths` themselves; for each, the asked path with the highest confidence (then
// support, then name). Highest confidence first, then support, then path; at most `limit`.
// Only commits of at most kMaxCoChangeCommitFiles files count. Errors: the store's.
core::Result<std::vector<CoChangedFile>> CoChangedFiles(store::Database& db,
                                                        std::int64_t repository_id,
                                                        const std::vector<std::string>& paths,
                                                        std::size_t limit);

}  // namespace nectr::graph
