#pragma once

// What a change may break: the files that import the changed files, directly or through one
// other file, from the code index's IMPORTS edges (file_imports.target_file_id). Blocks (reads
// the store).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// Importers of importers are followed this far; further out the list is mostly noise.
inline constexpr std::int64_t kBlastRadiusDepth = 2;

struct ImportingFile {
    std::string path;
    std::int64_t depth = 0;            // 1: imports a changed file; 2: imports such a file
    std::vector<std::string> reaches;  // the changed files it depends on, sorted
};

// The files of repository `repository_id` that import any of `paths` up to kBlastRadiusDepth
// steps away, other than `paths` themselves: nearest first, then by path; at most `limit`.
// Empty until the code index has scanned the repository. Errors: the store's.
core::Result<std::vector<ImportingFile>> BlastRadius(store::Database& db,
                                                     std::int64_t repository_id,
                                                     const std::vector<std::string>& paths,
                                                     std::size_t limit);

}  // namespace nectr::graph
