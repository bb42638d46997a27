#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nectr::store {

// Bytes that are stored as BLOB (SQLite) / BYTEA (PostgreSQL), as opposed to text.
struct Blob {
    std::string bytes;
    bool operator==(const Blob&) const = default;
};

// A parameter or a column value. Booleans are stored as 0/1 integers on both engines and
// timestamps as Unix milliseconds (BIGINT), so that the two engines read back alike.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline Value Null() { return std::monostate{}; }

// One result set. `affected_rows` counts rows changed by INSERT/UPDATE/DELETE.
struct Rows {
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    std::int64_t affected_rows = 0;
    // SQLite only: the rowid of the row an INSERT added, for the SQLite twin of a query whose
    // PostgreSQL text says RETURNING id. Set whenever a statement changed rows, so after an
    // UPDATE or DELETE it is the connection's last INSERT's (SQLite keeps no other): read it
    // only after an INSERT. (Comparing it before and after cannot tell either: rowids of two
    // tables coincide.) SQLite buffers RETURNING rows in a temporary table
    // built and dropped per statement, which showed in the ingest writer's profile.
    std::optional<std::int64_t> inserted_rowid;

    // Container-style names, as std's, so that Rows reads like the vector it wraps.
    bool empty() const { return rows.empty(); }       // NOLINT(readability-identifier-naming)
    std::size_t size() const { return rows.size(); }  // NOLINT(readability-identifier-naming)
    // Index of a column by name; nullopt when the result has no such column.
    std::optional<std::size_t> ColumnIndex(std::string_view name) const;
};

// The id an INSERT gave its new row: the first column of PostgreSQL's RETURNING id, or the
// rowid of the SQLite twin that has no RETURNING. nullopt when nothing was inserted (ON
// CONFLICT DO NOTHING).
std::optional<std::int64_t> InsertedId(const Rows& rows);

bool IsNull(const Value& value);
// Integer value of a column (an integer, or a text holding one); nullopt for NULL.
std::optional<std::int64_t> AsInt(const Value& value);
// Text of a column (text, or a blob's bytes, or a number printed); nullopt for NULL.
std::optional<std::string> AsText(const Value& value);
std::optional<double> AsDouble(const Value& value);

}  // namespace nectr::store
