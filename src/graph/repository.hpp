#pragma once

// Repositories as graph nodes: the repositories table of migration 0008, shared with the code
// index. Blocks.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// The id of repository `full_name`, added first if the graph does not know it; safe when the
// code index adds the same repository at the same moment. Errors: kInvalidInput for an empty
// name; the store's.
core::Result<std::int64_t> EnsureRepository(store::Database& db, std::string_view full_name,
                                            std::int64_t now_ms);
core::Result<std::int64_t> EnsureRepository(store::Connection& conn, std::string_view full_name,
                                            std::int64_t now_ms);

// The id of repository `full_name`; nullopt when the graph does not know it.
core::Result<std::optional<std::int64_t>> FindRepository(store::Database& db,
                                                         std::string_view full_name);

}  // namespace nectr::graph
