#pragma once

// Writing developers and their CONTRIBUTED_TO counts, inside a caller's transaction. Blocks.
#include <cstdint>

#include "core/error.hpp"
#include "graph/developer_identity.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// Adds the developer unless known (then fills in a missing name or e-mail) and returns its id.
// Errors: the store's.
core::Result<std::int64_t> UpsertDeveloper(store::Connection& conn,
                                           const DeveloperIdentity& identity, std::int64_t now_ms);

// Recounts what developer `developer_id` did in the repository (commits, pull requests,
// reviews, latest activity) into developer_repositories. Errors: the store's.
core::Result<void> RefreshContribution(store::Connection& conn, std::int64_t developer_id,
                                       std::int64_t repository_id);

}  // namespace nectr::graph
