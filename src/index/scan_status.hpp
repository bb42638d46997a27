#pragma once

// Where a repository's clone and code index stand (the repository_scans table): written by
// the jobs that scan a repository or apply a push to it, read by the repository list for the
// dashboard. One row per repository. Every function blocks on the database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::index {

struct ScanStatus {
    std::string repository;
    std::string state;                  // queued, running, done or failed
    std::string kind;                   // scan (a whole clone) or push (the files a push changed)
    std::optional<std::string> commit;  // what the index reflects
    std::int64_t files = 0;
    std::int64_t symbols = 0;
    std::int64_t chunks = 0;
    std::int64_t commits_imported = 0;  // new to the graph in the last success
    std::optional<std::string> error;   // why the last attempt failed
    std::optional<std::int64_t> queued_at_ms;
    std::optional<std::int64_t> started_at_ms;
    std::optional<std::int64_t> finished_at_ms;
};

// What a successful scan or push update leaves.
struct ScanOutcome {
    std::optional<std::string> commit;
    std::int64_t files = 0;
    std::int64_t symbols = 0;
    std::int64_t chunks = 0;
    std::int64_t commits_imported = 0;
};

// On the caller's connection, so that it joins the transaction that queues the scan job.
core::Result<void> MarkScanQueued(store::Connection& connection, std::string_view repository,
                                  std::int64_t now_ms);
// `kind`: "scan" or "push".
core::Result<void> MarkScanRunning(store::Database& db, std::string_view repository,
                                   std::string_view kind, std::int64_t now_ms);
core::Result<void> MarkScanDone(store::Database& db, std::string_view repository,
                                const ScanOutcome& outcome, std::int64_t now_ms);
// `error` is stored and shown as it is: the caller removes anything secret first.
core::Result<void> MarkScanFailed(store::Database& db, std::string_view repository,
                                  std::string_view error, std::int64_t now_ms);

core::Result<std::optional<ScanStatus>> FindScanStatus(store::Database& db,
                                                       std::string_view repository);
// The status of every repository the user connected, now or before.
core::Result<std::vector<ScanStatus>> ScanStatusesOfUser(store::Database& db, std::int64_t user_id);
// On the caller's connection, inside the purge's transaction.
core::Result<void> DeleteScanStatus(store::Connection& connection, std::string_view repository);

}  // namespace nectr::index
