#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace nectr::store {

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;  // "0001_initial", ... in the order they ran
};

// Applies every migration newer than the database's version, each in its own transaction
// together with its `schema_migrations` row, so a migration that fails leaves the database
// as it was before it. Safe when several processes start at once (an advisory lock on
// PostgreSQL, the write lock on SQLite). kConflict when the database is newer than the binary.
Result<MigrationReport> ApplyMigrations(Database& db, std::span<const Migration> migrations);

// The highest applied version; 0 for an empty database.
Result<int> CurrentSchemaVersion(Database& db);

}  // namespace nectr::store
