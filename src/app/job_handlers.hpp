#pragma once

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "queue/worker.hpp"
#include "store/database.hpp"

namespace nectr::app {

// What the handlers need; all of it outlives the worker.
struct JobHandlerDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
};

// Registers a handler for every job kind this build can run: installation sync so far. Kinds
// without one stay queued (workers claim only what they can run) until a build that has it
// picks them up: reviews (#4) and pull-request and push indexing (#6) arrive with their issues.
void RegisterJobHandlers(queue::Worker& worker, const JobHandlerDeps& deps);

}  // namespace nectr::app
