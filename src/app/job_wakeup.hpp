#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "core/config.hpp"
#include "queue/worker.hpp"
#include "store/database.hpp"
#include "store/postgres_listener.hpp"

namespace nectr::app {

// Where wake-ups from other threads (ingest's commits, the PostgreSQL listener) find the
// in-process worker of `serve`, which comes and goes with the server's task. Thread-safe.
class WorkerSlot {
public:
    // Points the slot at `worker`, or empties it. Emptying waits for a Notify in progress, so
    // the worker may be destroyed once Set(nullptr) has returned.
    void Set(queue::Worker* worker);
    // Wakes the worker, if there is one. Cheap; never blocks for long.
    void Notify();

private:
    std::mutex mutex_;
    queue::Worker* worker_ = nullptr;
};

// On PostgreSQL, starts a listener on queue::kJobsChannel (this schema only) that calls
// `wake` whenever any process makes a job claimable, and once on each (re)connection. On
// SQLite, nullptr: only this process's own commits can wake its workers. Errors as
// store::PostgresListener::Start.
core::Result<std::unique_ptr<store::PostgresListener>> StartJobWakeups(const core::Config& config,
                                                                       store::Engine engine,
                                                                       std::function<void()> wake);

}  // namespace nectr::app
