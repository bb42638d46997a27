#include "graph/repository.hpp"

#include <string>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

core::Result<std::optional<std::int64_t>> FindIn(store::Connection& conn,
                                                 std::string_view full_name) {
    const store::Value params[] = {std::string(full_name)};
    core::Result<store::Rows> rows = conn.Execute(store::sql::kGraphRepositoryId, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>();
    }
    return IntAt(*rows, 0, "id");
}

}  // namespace

core::Result<std::int64_t> EnsureRepository(store::Connection& conn, std::string_view full_name,
                                            std::int64_t now_ms) {
    if (full_name.empty()) {
        return core::MakeError(core::Errc::kInvalidInput, "a repository needs a name");
    }
    const store::Value params[] = {std::string(full_name), now_ms};
    if (core::Result<store::Rows> added = conn.Execute(store::sql::kGraphEnsureRepository, params);
        !added) {
        return added.error();
    }
    core::Result<std::optional<std::int64_t>> id = FindIn(conn, full_name);
    if (!id) {
        return id.error();
    }
    if (!*id) {
        return core::MakeError(core::Errc::kInternal, "the repository vanished after its insert");
    }
    return **id;
}

core::Result<std::int64_t> EnsureRepository(store::Database& db, std::string_view full_name,
                                            std::int64_t now_ms) {
    core::Result<store::PooledConnection> conn = db.Acquire();
    if (!conn) {
        return conn.error();
    }
    return EnsureRepository(**conn, full_name, now_ms);
}

core::Result<std::optional<std::int64_t>> FindRepository(store::Database& db,
                                                         std::string_view full_name) {
    core::Result<store::PooledConnection> conn = db.Acquire();
    if (!conn) {
        return conn.error();
    }
    return FindIn(**conn, full_name);
}

}  // namespace nectr::graph
