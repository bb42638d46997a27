#pragma once

// What the repository endpoints read and write: the `installations` rows of connected
// repositories, the scan jobs they queue, and the purge of a repository's stored data. Every
// function blocks on the database: call from the blocking pool.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::api {

// One row of `installations`: a repository a user connected. `sealed_secret` is the webhook
// secret as stored (sealed); it never leaves the server.
struct InstallationRow {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string repo_full_name;
    std::optional<std::int64_t> github_repo_id;
    std::optional<std::int64_t> webhook_id;
    std::optional<std::string> sealed_secret;
    bool active = false;
    std::int64_t installed_at_ms = 0;
    std::int64_t updated_at_ms = 0;
    std::optional<std::int64_t> max_concurrent_reviews;
};

// The kind of the job that (re)indexes a whole repository.
inline constexpr std::string_view kScanRepositoryJob = "scan_repository";

// The caller's installation of `repo_full_name` (compared without case), active or not;
// nullopt when the user never connected it.
core::Result<std::optional<InstallationRow>> FindUserInstallation(store::Database& db,
                                                                  std::int64_t user_id,
                                                                  std::string_view repo_full_name);

// Every installation of the user, active or not, by repository name.
core::Result<std::vector<InstallationRow>> ListUserInstallations(store::Database& db,
                                                                 std::int64_t user_id);

// The newest active installation of the repository by another user that has a hook and a
// secret: the hook a new connection shares. nullopt when there is none.
core::Result<std::optional<InstallationRow>> FindSharedHook(store::Database& db,
                                                            std::string_view repo_full_name,
                                                            std::int64_t except_user_id);

// What SaveConnection writes.
struct NewConnection {
    std::int64_t user_id = 0;
    std::string repo_full_name;  // as GitHub spells it
    std::int64_t github_repo_id = 0;
    std::int64_t webhook_id = 0;
    std::string sealed_secret;
    // The hook's secret was replaced on GitHub: the other active installations on the same
    // hook take the new sealed secret too.
    bool secret_replaced = false;
};

// A scan job that was asked for: the one queued now, or the one already waiting.
struct ScanRequest {
    std::int64_t job_id = 0;
    bool queued_now = false;  // false: an earlier scan of the repository was still queued
};

struct SavedConnection {
    InstallationRow installation;
    ScanRequest scan;
};

// Connects the repository for the user (inserting or reactivating the row) and asks for a
// scan of it, in one transaction: either both are stored or neither is. Store errors.
core::Result<SavedConnection> SaveConnection(store::Database& db, const NewConnection& connection,
                                             std::int64_t now_ms);

// Queues a scan_repository job for the installation's repository unless one is queued
// already, in one transaction. Store errors.
core::Result<ScanRequest> RequestScan(store::Database& db, const InstallationRow& installation,
                                      std::int64_t now_ms);

// Queues a scan of every connected repository that was never scanned nor queued for one (run
// at start-up: repositories connected before scans existed, or whose scan job was lost).
// Returns how many were queued. Store errors.
core::Result<std::size_t> QueueMissingScans(store::Database& db, std::int64_t now_ms);

// Who else keeps a repository connected.
struct OtherConnections {
    std::int64_t active = 0;        // active installations of other users
    std::int64_t sharing_hook = 0;  // of those, the ones on the same webhook
};
core::Result<OtherConnections> CountOtherConnections(store::Database& db,
                                                     const InstallationRow& installation);

// Marks the installation inactive and forgets its secret; with `purge`, also cancels the
// repository's queued jobs and deletes its reviews (with their comments and model calls),
// webhook events, memories, code index, knowledge graph and scan status, in the same
// transaction. kConflict (nothing changed) when purging while
// another user has the repository connected. Store errors otherwise.
core::Result<void> Disconnect(store::Database& db, const InstallationRow& installation, bool purge,
                              std::int64_t now_ms);

// The refusal of a purge while another user has the repository connected (kConflict).
core::Error StillConnectedByOthers(std::string_view repo_full_name);

// Sets max_concurrent_reviews of an active installation (nullopt: no limit). kNotFound when
// the installation is no longer active. Returns the stored value.
core::Result<std::optional<std::int64_t>> SetMaxConcurrentReviews(store::Database& db,
                                                                  std::int64_t installation_id,
                                                                  std::optional<std::int64_t> limit,
                                                                  std::int64_t now_ms);

}  // namespace nectr::api
