#pragma once

#include "app/review_job.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "queue/job_store.hpp"
#include "queue/worker.hpp"
#include "store/database.hpp"

namespace nectr::app {

// What the handlers need; all of it outlives the worker.
struct JobHandlerDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    // Reviews and help replies; null in a process that cannot run them (no review runtime).
    ReviewServices* review = nullptr;
};

// Registers a handler for every job kind this build can run: installation sync, reviews, help
// replies, pull-request indexing, repository scans and push re-indexing. Kinds without one
// stay queued (workers claim only what they can run) until a build that has it picks them up.
void RegisterJobHandlers(queue::Worker& worker, const JobHandlerDeps& deps);

// The queue's settings for `serve` and `worker`: the lease, and reviews limited per repository
// by what its connection allows.
queue::QueueOptions MakeQueueOptions(const core::Config& config);

}  // namespace nectr::app
