#include "api/memory_access.hpp"

#include "memory/memory_rows.hpp"
#include "store/sql.hpp"

namespace nectr::api {

core::Result<void> RequireReachableRepository(store::Database& db, std::int64_t user_id,
                                              const std::string& repo_full_name) {
    const store::Value params[] = {user_id, repo_full_name};
    core::Result<store::Rows> rows =
        store::Execute(db, store::sql::kAccessRepositoryReachable, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kNotFound, "repository not found");
    }
    return {};
}

core::Result<memory::Memory> ReachableMemory(store::Database& db, std::int64_t user_id,
                                             std::int64_t id) {
    const store::Value params[] = {user_id, id};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kMemoryGetForUser, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kNotFound, "memory not found");
    }
    return memory::MemoryFromRow(*rows, 0);
}

}  // namespace nectr::api
