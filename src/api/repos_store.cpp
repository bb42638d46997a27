#include "api/repos_store.hpp"

#include <boost/json.hpp>

#include "index/scan_status.hpp"
#include "queue/job_store.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

using store::Rows;
using store::Value;

// Scans wait behind reviews and commands, like the other indexing jobs.
constexpr std::int64_t kScanPriority = 10;

std::optional<std::int64_t> Int(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[row][*column]) : std::nullopt;
}

std::optional<std::string> Text(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[row][*column]) : std::nullopt;
}

InstallationRow ReadInstallation(const Rows& rows, std::size_t row) {
    InstallationRow installation;
    installation.id = Int(rows, row, "id").value_or(0);
    installation.user_id = Int(rows, row, "user_id").value_or(0);
    installation.repo_full_name = Text(rows, row, "repo_full_name").value_or("");
    installation.github_repo_id = Int(rows, row, "github_repo_id");
    installation.webhook_id = Int(rows, row, "webhook_id");
    installation.sealed_secret = Text(rows, row, "webhook_secret");
    installation.active = Int(rows, row, "is_active").value_or(0) == 1;
    installation.installed_at_ms = Int(rows, row, "installed_at").value_or(0);
    installation.updated_at_ms = Int(rows, row, "updated_at").value_or(0);
    installation.max_concurrent_reviews = Int(rows, row, "max_concurrent_reviews");
    return installation;
}

core::Result<std::optional<InstallationRow>> FirstInstallation(core::Result<Rows> rows) {
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<InstallationRow>();
    }
    return std::optional<InstallationRow>(ReadInstallation(*rows, 0));
}

queue::NewJob MakeScanJob(const InstallationRow& installation) {
    boost::json::object payload{{"repository", installation.repo_full_name},
                                {"installation_id", installation.id}};
    queue::NewJob job;
    job.kind = std::string(kScanRepositoryJob);
    job.payload = boost::json::serialize(payload);
    job.priority = kScanPriority;
    job.repo_full_name = installation.repo_full_name;
    // Two scans of one repository would only do the same work twice at once.
    job.concurrency_key = "scan:" + installation.repo_full_name;
    return job;
}

// The scan of the installation's repository: the queued one, or a new one. Runs on the
// caller's connection, inside its transaction.
core::Result<ScanRequest> QueueScan(store::Connection& connection,
                                    const InstallationRow& installation, std::int64_t now_ms) {
    const Value params[] = {std::string(kScanRepositoryJob), installation.repo_full_name};
    core::Result<Rows> queued = connection.Execute(store::sql::kReposQueuedJob, params);
    if (!queued) {
        return queued.error();
    }
    if (!queued->empty()) {
        return ScanRequest{Int(*queued, 0, "id").value_or(0), false};
    }
    core::Result<std::int64_t> job_id =
        queue::EnqueueJob(connection, MakeScanJob(installation), now_ms);
    if (!job_id) {
        return job_id.error();
    }
    core::Result<void> marked =
        index::MarkScanQueued(connection, installation.repo_full_name, now_ms);
    if (!marked) {
        return marked.error();
    }
    return ScanRequest{*job_id, true};
}

Value OptionalInt(const std::optional<std::int64_t>& value) {
    return value ? Value(*value) : store::Null();
}

}  // namespace

core::Result<std::optional<InstallationRow>> FindUserInstallation(store::Database& db,
                                                                  std::int64_t user_id,
                                                                  std::string_view repo_full_name) {
    const Value params[] = {user_id, std::string(repo_full_name)};
    return FirstInstallation(store::Execute(db, store::sql::kReposInstallationOfUser, params));
}

core::Result<std::vector<InstallationRow>> ListUserInstallations(store::Database& db,
                                                                 std::int64_t user_id) {
    const Value params[] = {user_id};
    core::Result<Rows> rows = store::Execute(db, store::sql::kReposInstallationsOfUser, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<InstallationRow> installations;
    installations.reserve(rows->size());
    for (std::size_t row = 0; row < rows->size(); ++row) {
        installations.push_back(ReadInstallation(*rows, row));
    }
    return installations;
}

core::Result<std::optional<InstallationRow>> FindSharedHook(store::Database& db,
                                                            std::string_view repo_full_name,
                                                            std::int64_t except_user_id) {
    const Value params[] = {std::string(repo_full_name), except_user_id};
    return FirstInstallation(store::Execute(db, store::sql::kReposSharedHook, params));
}

core::Result<SavedConnection> SaveConnection(store::Database& db, const NewConnection& connection,
                                             std::int64_t now_ms) {
    SavedConnection saved;
    core::Result<void> done = store::InTransaction(db, [&](store::Connection& tx) {
        const Value params[] = {connection.user_id,        connection.repo_full_name,
                                connection.github_repo_id, connection.webhook_id,
                                connection.sealed_secret,  now_ms};
        core::Result<Rows> rows = tx.Execute(store::sql::kReposUpsertInstallation, params);
        if (!rows) {
            return core::Result<void>(rows.error());
        }
        if (rows->empty()) {
            return core::Result<void>(
                core::MakeError(core::Errc::kInternal, "the installation upsert returned no row"));
        }
        saved.installation = ReadInstallation(*rows, 0);
        if (connection.secret_replaced) {
            const Value share[] = {connection.repo_full_name, connection.webhook_id,
                                   connection.sealed_secret, now_ms};
            core::Result<Rows> shared = tx.Execute(store::sql::kReposShareHookSecret, share);
            if (!shared) {
                return core::Result<void>(shared.error());
            }
        }
        core::Result<ScanRequest> scan = QueueScan(tx, saved.installation, now_ms);
        if (!scan) {
            return core::Result<void>(scan.error());
        }
        saved.scan = *scan;
        return core::Result<void>();
    });
    if (!done) {
        return done.error();
    }
    return saved;
}

core::Result<ScanRequest> RequestScan(store::Database& db, const InstallationRow& installation,
                                      std::int64_t now_ms) {
    ScanRequest request;
    core::Result<void> done = store::InTransaction(db, [&](store::Connection& tx) {
        core::Result<ScanRequest> scan = QueueScan(tx, installation, now_ms);
        if (!scan) {
            return core::Result<void>(scan.error());
        }
        request = *scan;
        return core::Result<void>();
    });
    if (!done) {
        return done.error();
    }
    return request;
}

namespace {

core::Result<OtherConnections> CountOthers(store::Connection& connection,
                                           const InstallationRow& installation) {
    const Value params[] = {installation.repo_full_name, installation.user_id,
                            OptionalInt(installation.webhook_id)};
    core::Result<Rows> rows = connection.Execute(store::sql::kReposOtherConnections, params);
    if (!rows) {
        return rows.error();
    }
    OtherConnections others;
    if (!rows->empty()) {
        others.active = Int(*rows, 0, "others").value_or(0);
        others.sharing_hook = Int(*rows, 0, "sharing_hook").value_or(0);
    }
    return others;
}

core::Result<void> PurgeRepository(store::Connection& connection, const std::string& repo,
                                   std::int64_t now_ms) {
    const Value cancel[] = {repo, std::string("the repository was disconnected and purged"),
                            now_ms};
    if (auto cancelled = connection.Execute(store::sql::kReposCancelQueuedJobs, cancel);
        !cancelled) {
        return cancelled.error();
    }
    const Value params[] = {repo};
    for (const store::Query* query :
         {&store::sql::kReposDeleteReviews, &store::sql::kReposDeleteEvents,
          &store::sql::kReposDeleteMemories, &store::sql::kReposDeleteCode}) {
        core::Result<Rows> deleted = connection.Execute(*query, params);
        if (!deleted) {
            return deleted.error();
        }
    }
    return index::DeleteScanStatus(connection, repo);
}

}  // namespace

core::Result<OtherConnections> CountOtherConnections(store::Database& db,
                                                     const InstallationRow& installation) {
    core::Result<store::PooledConnection> connection = db.Acquire();
    if (!connection) {
        return connection.error();
    }
    return CountOthers(**connection, installation);
}

core::Error StillConnectedByOthers(std::string_view repo_full_name) {
    return core::MakeError(core::Errc::kConflict,
                           std::string(repo_full_name) +
                               " is still connected by another user, so its reviews and events "
                               "stay; disconnect without purge=true");
}

core::Result<void> Disconnect(store::Database& db, const InstallationRow& installation, bool purge,
                              std::int64_t now_ms) {
    return store::InTransaction(db, [&](store::Connection& tx) -> core::Result<void> {
        if (purge) {
            // Asked again inside the transaction: another user may have connected meanwhile.
            core::Result<OtherConnections> others = CountOthers(tx, installation);
            if (!others) {
                return others.error();
            }
            if (others->active > 0) {
                return StillConnectedByOthers(installation.repo_full_name);
            }
        }
        const Value params[] = {installation.id, now_ms};
        core::Result<Rows> updated = tx.Execute(store::sql::kReposDeactivate, params);
        if (!updated) {
            return updated.error();
        }
        return purge ? PurgeRepository(tx, installation.repo_full_name, now_ms)
                     : core::Result<void>();
    });
}

core::Result<std::size_t> QueueMissingScans(store::Database& db, std::int64_t now_ms) {
    core::Result<Rows> rows = store::Execute(db, store::sql::kScansUnscanned);
    if (!rows) {
        return rows.error();
    }
    std::size_t queued = 0;
    std::string previous;
    for (std::size_t row = 0; row < rows->size(); ++row) {
        InstallationRow installation = ReadInstallation(*rows, row);
        if (installation.repo_full_name == previous) {
            continue;  // the newest installation of the repository came first
        }
        previous = installation.repo_full_name;
        core::Result<ScanRequest> request = RequestScan(db, installation, now_ms);
        if (!request) {
            return request.error();
        }
        queued += request->queued_now ? 1 : 0;
    }
    return queued;
}

core::Result<std::optional<std::int64_t>> SetMaxConcurrentReviews(store::Database& db,
                                                                  std::int64_t installation_id,
                                                                  std::optional<std::int64_t> limit,
                                                                  std::int64_t now_ms) {
    const Value params[] = {installation_id, OptionalInt(limit), now_ms};
    core::Result<Rows> rows = store::Execute(db, store::sql::kReposSetMaxConcurrentReviews, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kNotFound, "the repository is no longer connected");
    }
    return Int(*rows, 0, "max_concurrent_reviews");
}

}  // namespace nectr::api
