#include "webhooks/installation_records.hpp"

#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {

using store::Rows;
using store::Value;

std::optional<std::string> Text(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[row][*column]) : std::nullopt;
}

std::optional<std::int64_t> Int(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[row][*column]) : std::nullopt;
}

// Upserts the installation row; the status it has afterwards, and whether this event was
// older than the one that wrote it last.
core::Result<InstallationSyncOutcome> WriteInstallation(store::Connection& connection,
                                                        const InstallationChange& change,
                                                        std::int64_t event_id,
                                                        std::int64_t now_ms) {
    const Value params[] = {change.installation_id,
                            change.account_login,
                            change.account_type,
                            change.repository_selection,
                            change.status,
                            event_id,
                            now_ms};
    core::Result<Rows> written = connection.Execute(store::sql::kAppInstallationsUpsert, params);
    if (!written) {
        return written.error();
    }
    InstallationSyncOutcome outcome;
    if (!written->empty()) {
        outcome.status = Text(*written, 0, "status").value_or("");
        return outcome;
    }
    outcome.stale = true;
    const Value get_params[] = {change.installation_id};
    core::Result<Rows> stored = connection.Execute(store::sql::kAppInstallationsGet, get_params);
    if (!stored) {
        return stored.error();
    }
    outcome.status = stored->empty() ? "" : Text(*stored, 0, "status").value_or("");
    return outcome;
}

core::Result<std::size_t> WriteRepositories(store::Connection& connection,
                                            const store::Query& query,
                                            const InstallationChange& change,
                                            const std::vector<InstallationRepository>& repositories,
                                            std::int64_t event_id, std::int64_t now_ms) {
    std::size_t written = 0;
    for (const InstallationRepository& repository : repositories) {
        const Value params[] = {change.installation_id, repository.id, repository.full_name,
                                event_id, now_ms};
        core::Result<Rows> rows = connection.Execute(query, params);
        if (!rows) {
            return rows.error();
        }
        written += static_cast<std::size_t>(rows->affected_rows);
    }
    return written;
}

}  // namespace

core::Result<InstallationSyncOutcome> ApplyInstallationChange(store::Connection& connection,
                                                              const InstallationChange& change,
                                                              std::int64_t event_id,
                                                              std::int64_t now_ms) {
    core::Result<InstallationSyncOutcome> outcome =
        WriteInstallation(connection, change, event_id, now_ms);
    if (!outcome) {
        return outcome;
    }
    if (change.remove_all) {
        const Value params[] = {change.installation_id, event_id, now_ms};
        core::Result<Rows> removed =
            connection.Execute(store::sql::kAppInstallationsRemoveAllRepositories, params);
        if (!removed) {
            return removed.error();
        }
        outcome->removed += static_cast<std::size_t>(removed->affected_rows);
    }
    core::Result<std::size_t> removed =
        WriteRepositories(connection, store::sql::kAppInstallationsRemoveRepository, change,
                          change.removed, event_id, now_ms);
    if (!removed) {
        return removed.error();
    }
    outcome->removed += *removed;
    // An uninstalled App covers nothing, whatever an older delivery still says.
    if (outcome->stale && outcome->status == "deleted") {
        return outcome;
    }
    core::Result<std::size_t> added =
        WriteRepositories(connection, store::sql::kAppInstallationsAddRepository, change,
                          change.added, event_id, now_ms);
    if (!added) {
        return added.error();
    }
    outcome->added = *added;
    return outcome;
}

std::vector<std::string> InstallationCoverage::CoveredNames() const {
    std::vector<std::string> names;
    for (const CoveredRepository& repository : repositories) {
        if (!repository.removed_at_ms) {
            names.push_back(repository.full_name);
        }
    }
    return names;
}

core::Result<std::optional<InstallationCoverage>> LoadInstallationCoverage(
    store::Database& database, std::int64_t installation_id) {
    const Value params[] = {installation_id};
    core::Result<Rows> installation =
        store::Execute(database, store::sql::kAppInstallationsGet, params);
    if (!installation) {
        return installation.error();
    }
    if (installation->empty()) {
        return std::optional<InstallationCoverage>();
    }
    InstallationCoverage coverage;
    coverage.installation_id = installation_id;
    coverage.account_login = Text(*installation, 0, "account_login").value_or("");
    coverage.account_type = Text(*installation, 0, "account_type").value_or("");
    coverage.repository_selection = Text(*installation, 0, "repository_selection").value_or("");
    coverage.status = Text(*installation, 0, "status").value_or("");
    coverage.last_event_id = Int(*installation, 0, "last_event_id").value_or(0);
    core::Result<Rows> repositories =
        store::Execute(database, store::sql::kAppInstallationsRepositories, params);
    if (!repositories) {
        return repositories.error();
    }
    for (std::size_t i = 0; i < repositories->size(); ++i) {
        coverage.repositories.push_back(CoveredRepository{
            Int(*repositories, i, "repository_id").value_or(0),
            Text(*repositories, i, "repository_full_name").value_or(""),
            Int(*repositories, i, "added_at"), Int(*repositories, i, "removed_at")});
    }
    return std::optional<InstallationCoverage>(std::move(coverage));
}

}  // namespace nectr::webhooks
