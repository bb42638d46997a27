#pragma once

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "queue/job.hpp"
#include "queue/worker.hpp"
#include "store/database.hpp"

namespace nectr::webhooks {

// Applies the `installation` or `installation_repositories` event of a sync_installation job
// to the installation's recorded coverage (see ApplyInstallationChange), in one transaction.
// It reads the stored event payload, so the job needs an event. Errors: kInvalidInput (not
// retried) for a job without an event, an event of another type or a payload that cannot be
// read; kNotFound for an event that no longer exists; store errors otherwise (retried).
// Blocks.
core::Result<void> SyncInstallation(store::Database& database, const core::Clock& clock,
                                    const queue::Job& job);

struct InstallationSyncDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
};

// The queue handler for "sync_installation" jobs: SyncInstallation on the blocking pool. On
// success the worker completes the job, and that completes the event.
queue::JobHandler MakeInstallationSyncHandler(InstallationSyncDeps deps);

}  // namespace nectr::webhooks
