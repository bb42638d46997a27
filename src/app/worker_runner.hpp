#pragma once

#include "app/job_handlers.hpp"
#include "app/job_wakeup.hpp"
#include "core/blocking_pool.hpp"
#include "core/config.hpp"
#include "http/server.hpp"
#include "queue/job_store.hpp"
#include "queue/worker.hpp"

namespace nectr::app {

// Runs `concurrency` in-process queue workers as a task of the server, until the server
// stops; then lets running jobs finish (or releases them) before the task ends. `current`
// holds the running worker while there is one, for ingest and the listener to Notify.
void SpawnWorkers(http::Server& server, queue::JobQueue& jobs, const JobHandlerDeps& handlers,
                  queue::WorkerOptions options, WorkerSlot& current);

}  // namespace nectr::app
