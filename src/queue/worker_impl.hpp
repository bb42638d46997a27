#pragma once

// The state and coroutines behind queue::Worker. Internal to src/queue.

#include <algorithm>
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "queue/worker.hpp"

namespace nectr::queue {

using SteadyClock = std::chrono::steady_clock;

// Why the watch beside a running handler ended before the handler did.
enum class WatchOutcome { kLeaseLost, kCancelRequested, kShutdown, kAbandoned };

// How an attempt ended: the handler's result, or the watch's reason to stop it.
using AttemptOutcome = std::variant<core::Result<void>, WatchOutcome>;

// The name of a worker that was given none: "<hostname>:<pid>".
std::string DefaultWorkerName();

// WorkerCounters as the loops update them from the strand and the pool threads.
struct WorkerAtomicCounters {
    std::atomic<std::uint64_t> claims{0};
    std::atomic<std::uint64_t> idle_waits{0};
    std::atomic<std::uint64_t> succeeded{0};
    std::atomic<std::uint64_t> failed{0};
    std::atomic<std::uint64_t> released{0};
    std::atomic<std::uint64_t> cancelled{0};
    std::atomic<std::uint64_t> leases_lost{0};
};

// The loops, the watches, and Notify's and Stop's bookkeeping all run on `strand`, so this
// state needs no lock; only `handlers` and `started` are touched by the caller, before Start.
// worker.cpp holds the claim loops and shutdown, worker_impl.cpp the run of one job.
struct Worker::Impl {
    Impl(net::any_io_executor executor_in, JobQueue& queue_in, core::BlockingPool& pool_in,
         WorkerOptions options_in)
        : executor(std::move(executor_in)),
          strand(net::make_strand(executor)),
          queue(queue_in),
          pool(pool_in),
          options(std::move(options_in)),
          name(options.name.empty() ? DefaultWorkerName() : options.name),
          heartbeat_interval(options.heartbeat_interval.value_or(
              std::max(std::chrono::milliseconds(1), queue.Options().lease / 3))) {}

    // Claims and runs jobs one at a time until Stop.
    net::awaitable<void> ClaimLoop(std::string worker_id);
    // Sleeps up to poll_interval, registered so that Notify and Stop can wake it.
    net::awaitable<void> Idle(net::steady_timer& timer);
    // Runs the handler of a claimed job beside its watch, then records how it ended.
    net::awaitable<void> RunJob(Job job, std::string worker_id);
    // The handler on the caller's executor; a thrown exception becomes an error.
    net::awaitable<core::Result<void>> RunHandler(JobHandler handler, Job job);
    // Heartbeats every heartbeat_interval until the lease is lost, a stop is asked for or the
    // shutdown grace period ends; returns kAbandoned when cancelled (the handler finished).
    net::awaitable<WatchOutcome> Watch(std::int64_t job_id, std::string worker_id);
    // Writes the end of the attempt (complete, fail, acknowledge a cancel, release).
    net::awaitable<void> Record(Job job, std::string worker_id, AttemptOutcome outcome);
    // The store write for `outcome`, to run on the blocking pool.
    std::function<Result<void>()> Finisher(const Job& job, const std::string& worker_id,
                                           const AttemptOutcome& outcome);
    net::awaitable<void> StopOnStrand();
    void WakeAll(std::set<net::steady_timer*>& timers);
    // A loop's completion: logs an escaped exception, and wakes Stop after the last loop.
    void LoopEnded(const std::exception_ptr& error);

    net::any_io_executor executor;
    net::strand<net::any_io_executor> strand;
    JobQueue& queue;
    core::BlockingPool& pool;
    const WorkerOptions options;
    const std::string name;
    const std::chrono::milliseconds heartbeat_interval;
    std::map<std::string, JobHandler, std::less<>> handlers;  // read-only after Start
    std::string claim_kinds;  // comma-separated, set at Start; empty claims any kind

    bool started = false;
    bool stopping = false;
    SteadyClock::time_point stop_deadline;
    std::uint64_t notify_generation = 0;
    std::size_t live_loops = 0;
    std::set<net::steady_timer*> idle_timers;   // loops asleep for lack of work
    std::set<net::steady_timer*> watch_timers;  // heartbeat watches, woken to see a Stop
    std::set<net::steady_timer*> stop_waiters;  // Stop calls waiting for the loops to end
    WorkerAtomicCounters counters;              // read from any thread
};

}  // namespace nectr::queue
