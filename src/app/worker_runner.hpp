#pragma once

#include <atomic>

#include "app/job_handlers.hpp"
#include "core/blocking_pool.hpp"
#include "core/config.hpp"
#include "http/server.hpp"
#include "queue/job_store.hpp"
#include "queue/worker.hpp"

namespace nectr::app {

// Runs `concurrency` in-process queue workers as a task of the server, until the server
// stops; then lets running jobs finish (or releases them) before the task ends. `current`
// points at the running worker while there is one, for ingest to Notify after a commit.
void SpawnWorkers(http::Server& server, queue::JobQueue& jobs, const JobHandlerDeps& handlers,
                  queue::WorkerOptions options, std::atomic<queue::Worker*>& current);

}  // namespace nectr::app
