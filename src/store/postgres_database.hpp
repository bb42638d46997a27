#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::store {

// Turns a postgresql:// or postgres:// URL (a SQLAlchemy driver suffix such as
// postgresql+asyncpg:// is dropped) into the URL handed to libpq, adding connect_timeout,
// fallback_application_name=nectr and client_encoding=UTF8 unless the URL sets them. Pure.
// Errors: kInvalidInput when libpq cannot parse it (the message never holds the password).
Result<std::string> PostgresConnectionString(std::string_view url,
                                             std::chrono::seconds connect_timeout);

// Opens a PostgreSQL database for OpenDatabase. Connections open lazily, in Acquire(), so a
// server that is down fails Acquire (kUnavailable), not this. Errors: kInvalidInput.
Result<std::unique_ptr<Database>> OpenPostgresDatabase(const DatabaseOptions& options);

}  // namespace nectr::store
