#pragma once

// Reading memories from the rows of the memory queries (src/store/queries/memory), by column
// name. Pure.
#include <cstddef>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "memory/memory.hpp"
#include "store/value.hpp"

namespace nectr::memory {

// Row `i` as a Memory. kInternal when a column holds what the schema does not allow (an
// unknown type, scope or source): the database was written by something else.
core::Result<Memory> MemoryFromRow(const store::Rows& rows, std::size_t i);

// Every row as a Memory; the first bad row's error.
core::Result<std::vector<Memory>> MemoriesFromRows(const store::Rows& rows);

// The `relevance` column of row `i` (the search queries'); nullopt when absent or NULL.
std::optional<double> RelevanceAt(const store::Rows& rows, std::size_t i);

}  // namespace nectr::memory
