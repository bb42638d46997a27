#pragma once

// The files next to a change in the graph, as code index file ids: what the changed files
// import, what imports them, and the files that usually change with them. Search ranks their
// chunks higher (index::SearchOptions::near_file_ids). Blocks (reads the store).
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// The ids of the files of repository `repository_id` that `paths` import or are imported by
// (one step of the IMPORTS edges), and of the files at `co_changed_paths` (CoChangedFiles'
// answer, or any other paths the caller finds close), sorted. Paths the index does not hold
// add nothing. Empty until the code index has scanned the repository. Errors: the store's.
core::Result<std::vector<std::int64_t>> NearFileIds(
    store::Database& db, std::int64_t repository_id, const std::vector<std::string>& paths,
    const std::vector<std::string>& co_changed_paths);

}  // namespace nectr::graph
