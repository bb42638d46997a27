#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/blocking_pool.hpp"
#include "core/error.hpp"
#include "queue/job.hpp"
#include "queue/job_store.hpp"

namespace nectr::queue {

namespace net = boost::asio;

// Runs one job. Success completes it; an error fails the attempt (retried if IsRetryable).
// The job stays valid until the returned awaitable finishes. The worker cancels the awaitable
// (Asio per-operation cancellation, terminal) when the job's lease is lost, a stop is asked
// for, or the shutdown grace period ends; a handler that awaits cancellable operations then
// ends promptly. TODO(#3): core::BlockingPool::Run must ignore that cancellation (await its
// co_spawn with an empty cancellation slot): on Boost 1.81 a handler cancelled while it awaits
// the pool can terminate the process (see the disabled test in tests/unit/queue/worker_test).
using JobHandler = std::function<net::awaitable<core::Result<void>>(const Job&)>;

struct WorkerOptions {
    std::size_t concurrency = 1;  // claim loops, each running one job at a time
    // Prefix of the worker ids ("<name>:<n>"); empty: "<hostname>:<pid>".
    std::string name;
    // Safety net: how often an idle loop looks for work without a Notify.
    std::chrono::milliseconds poll_interval{5000};
    // How often a running job's lease is renewed; nullopt: a third of the queue's lease.
    std::optional<std::chrono::milliseconds> heartbeat_interval;
    // How long Stop lets running handlers finish before it cancels and releases their jobs.
    std::chrono::milliseconds shutdown_grace{30 * 1000};
    // Claim only the kinds registered here, so that a process without a handler for a kind
    // (an older binary, a worker pool meant for other work) leaves those jobs queued for one
    // that has it. When false, any kind is claimed and one without a handler goes dead.
    bool claim_registered_kinds_only = true;
};

// Counts since Start, for /metrics and tests. Read at any time from any thread.
struct WorkerCounters {
    std::uint64_t claims = 0;       // jobs claimed
    std::uint64_t idle_waits = 0;   // times a loop went to sleep finding nothing to do
    std::uint64_t succeeded = 0;    // jobs completed
    std::uint64_t failed = 0;       // attempts failed (retried or dead)
    std::uint64_t released = 0;     // jobs given back at shutdown
    std::uint64_t cancelled = 0;    // jobs stopped on a cancel request
    std::uint64_t leases_lost = 0;  // jobs abandoned because another worker took them over
};

// Whether a handler error is worth another attempt: outages, timeouts, rate limits, upstream
// and internal errors are; bad input, missing or forbidden resources and too-large inputs are
// not, so those jobs go dead at once with the reason.
bool IsRetryable(core::Errc code);

// The queue consumer: `concurrency` loops that claim a job, run the handler registered for its
// kind with heartbeats alongside, and record the outcome. Store calls go through the blocking
// pool; the loops' own bookkeeping runs on a strand of the given executor and the handlers
// run on the executor itself. Use: Register handlers, Start, Notify after enqueueing, and
// co_await Stop before destroying the worker (and before the io_context stops running).
class Worker {
public:
    Worker(net::any_io_executor executor, JobQueue& queue, core::BlockingPool& pool,
           WorkerOptions options);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Routes jobs of `kind` to `handler`. Call before Start. A claimed job of a kind with no
    // handler goes dead at once with an error that names the kind.
    void Register(std::string kind, JobHandler handler);

    // Starts the claim loops. Call once. Does not block.
    void Start();

    // Wakes the idle loops now (ingest calls it after committing a job). Thread-safe, cheap,
    // never blocks; a wake-up that finds nothing is harmless.
    void Notify();

    // Stops claiming, waits up to shutdown_grace for running handlers, then cancels the rest
    // and releases their jobs (queued again, the attempt not counted). Completes when every
    // loop has ended. Safe to call more than once, and before Start.
    net::awaitable<void> Stop();

    // A snapshot of the counters; thread-safe. Final once Stop has completed.
    WorkerCounters Counters() const;

    // "<name>", the prefix of the ids of this worker's loops in jobs.lease_owner.
    const std::string& Name() const;

private:
    struct Impl;
    // Shared with the wake-ups and loop completions posted to the strand, which may run after
    // the Worker is destroyed (a late Notify); the loops themselves end within Stop.
    std::shared_ptr<Impl> impl_;
};

}  // namespace nectr::queue
