#include "graph/developers.hpp"

#include "store/sql.hpp"

namespace nectr::graph {

core::Result<std::int64_t> UpsertDeveloper(store::Connection& conn,
                                           const DeveloperIdentity& identity, std::int64_t now_ms) {
    const auto optional_text = [](const std::string& text) {
        return text.empty() ? store::Null() : store::Value(text);
    };
    const store::Value params[] = {identity.login, std::int64_t{identity.is_github ? 1 : 0},
                                   optional_text(identity.name), optional_text(identity.email),
                                   now_ms};
    core::Result<store::Rows> rows = conn.Execute(store::sql::kGraphUpsertDeveloper, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kInternal, "the developer upsert returned no id");
    }
    return store::AsInt(rows->rows.front().front()).value_or(0);
}

core::Result<void> RefreshContribution(store::Connection& conn, std::int64_t developer_id,
                                       std::int64_t repository_id) {
    const store::Value params[] = {developer_id, repository_id};
    core::Result<store::Rows> rows = conn.Execute(store::sql::kGraphRefreshContribution, params);
    if (!rows) {
        return rows.error();
    }
    return {};
}

}  // namespace nectr::graph
