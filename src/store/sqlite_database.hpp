#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::store {

// Where a sqlite:// URL points.
struct SqliteLocation {
    std::string path;        // as written: relative to the working directory, or absolute
    bool in_memory = false;  // sqlite:///:memory:
};

// Parses SQLAlchemy-style SQLite URLs: sqlite:///relative/path.db (three slashes, then a
// relative path), sqlite:////absolute/path.db, and sqlite:///:memory:. A driver suffix
// (sqlite+aiosqlite://) is accepted. Pure. Errors: kInvalidInput with an example of each form.
Result<SqliteLocation> ParseSqliteUrl(std::string_view url);

// Opens a SQLite database for OpenDatabase: creates the file's folder when missing, then opens
// and sets up one connection to check the file (kUnavailable when it cannot). An in-memory
// database lives while the returned object does; its pool holds one connection, because
// SQLite's shared cache would fail concurrent writers at once instead of queueing them.
Result<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options);

}  // namespace nectr::store
