#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "webhooks/installation_change.hpp"

namespace nectr::webhooks {

// What applying one change did, for the log.
struct InstallationSyncOutcome {
    std::string status;       // the installation's status afterwards
    bool stale = false;       // a newer event had already written the installation
    std::size_t added = 0;    // repositories written as covered
    std::size_t removed = 0;  // repositories written as no longer covered
};

// Writes `change`, which event `event_id` carried, at `now_ms`: the installation row, then its
// repositories (app_installations, app_installation_repositories). Every row keeps the id of
// the event that last wrote it and ignores changes from older events, so deliveries applied
// out of order end in the newest state; once a newer event deleted the installation, an older
// one adds nothing. Runs on the caller's connection: call it inside a transaction. Store
// errors as they come. Blocks.
core::Result<InstallationSyncOutcome> ApplyInstallationChange(store::Connection& connection,
                                                              const InstallationChange& change,
                                                              std::int64_t event_id,
                                                              std::int64_t now_ms);

struct CoveredRepository {
    std::int64_t repository_id = 0;
    std::string full_name;
    std::optional<std::int64_t> added_at_ms;
    std::optional<std::int64_t> removed_at_ms;  // nullopt: covered now
};

struct InstallationCoverage {
    std::int64_t installation_id = 0;
    std::string account_login;
    std::string account_type;
    std::string repository_selection;
    std::string status;
    std::int64_t last_event_id = 0;
    std::vector<CoveredRepository> repositories;  // covered first, then removed; by name

    // Full names of the repositories covered now, in name order.
    std::vector<std::string> CoveredNames() const;
};

// The recorded state of one installation; nullopt when no delivery mentioned it. Blocks.
core::Result<std::optional<InstallationCoverage>> LoadInstallationCoverage(
    store::Database& database, std::int64_t installation_id);

}  // namespace nectr::webhooks
