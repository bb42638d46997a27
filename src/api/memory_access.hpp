#pragma once

// The memory endpoints' one rule of access: a caller reaches the memories of the repositories
// in user_repositories, and anything else reads as missing. Blocks on the database.
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "memory/memory.hpp"
#include "store/database.hpp"

namespace nectr::api {

// kNotFound ("repository not found") unless user `user_id` reaches `repo_full_name`.
core::Result<void> RequireReachableRepository(store::Database& db, std::int64_t user_id,
                                              const std::string& repo_full_name);

// Memory `id` when user `user_id` reaches its repository; kNotFound ("memory not found")
// otherwise, exactly as for an id that does not exist.
core::Result<memory::Memory> ReachableMemory(store::Database& db, std::int64_t user_id,
                                             std::int64_t id);

}  // namespace nectr::api
