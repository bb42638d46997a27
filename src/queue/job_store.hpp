#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "queue/job.hpp"
#include "store/database.hpp"

namespace nectr::queue {

using core::Result;

// The queue's section of the configuration.
struct QueueOptions {
    // How long a claim holds a job without a heartbeat; workers renew every lease / 3.
    std::chrono::milliseconds lease{60 * 1000};
    std::chrono::milliseconds base_backoff{5 * 1000};       // delay after the first failure
    std::chrono::milliseconds max_backoff{15 * 60 * 1000};  // longest delay between attempts
    std::uint64_t seed = 0;  // for the backoff jitter; 0 draws one from std::random_device
    // Jobs of this kind run at most installations.max_concurrent_reviews at a time per
    // repository (when a connection of it sets one); empty: no kind is limited so.
    std::string repository_limited_kind;
};

// What a heartbeat learns besides "the lease is still yours".
struct HeartbeatReply {
    bool cancel_requested = false;  // superseded or cancelled: stop and AcknowledgeCancel
};

// Where a failed attempt left the job.
struct FailOutcome {
    JobState state = JobState::kQueued;  // queued (retry at run_at_ms), dead or cancelled
    std::int64_t run_at_ms = 0;
};

enum class CancelOutcome {
    kCancelled,        // it was queued, and now it is cancelled
    kCancelRequested,  // it is running; its worker stops at its next heartbeat
};

// Gauges for /health and /metrics.
struct QueueStats {
    std::int64_t queued = 0;  // waiting, due or not
    std::int64_t ready = 0;   // waiting and due
    std::int64_t running = 0;
    std::int64_t dead = 0;
    std::int64_t oldest_ready_age_ms = 0;  // how long the oldest due job has waited; 0 if none
};

// Which jobs `nectr jobs` lists, newest first.
struct JobFilter {
    std::optional<JobState> state;
    std::string kind;  // empty: any
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

// Inserts a job and applies coalescing: with a non-empty coalesce_key, older queued jobs of
// the key are cancelled ("superseded by job N") and their events settled, and older running
// ones get cancel_requested. Runs on the caller's connection, so that ingest stores the event
// and enqueues its job in one transaction: call it inside one (store::InTransaction), or the
// statements commit one by one. On PostgreSQL the insert also signals kJobsChannel, which
// reaches listeners when the transaction commits. Returns the new id. kInvalidInput for an
// empty kind or max_attempts < 1; store errors otherwise. Blocks.
Result<std::int64_t> EnqueueJob(store::Connection& connection, const NewJob& job,
                                std::int64_t now_ms);

// The durable queue over the jobs table. Every method blocks on the database: call them from
// the blocking pool. Thread-safe. Methods that take a worker_id act only while that worker
// holds the job's lease and return kConflict otherwise (the lease expired and another worker
// claimed the job, or an operator finished it): the worker then stops working on the job.
class JobQueue {
public:
    JobQueue(store::Database& database, const core::Clock& clock, QueueOptions options = {});

    // EnqueueJob in a transaction of its own.
    Result<std::int64_t> Enqueue(const NewJob& job);

    // Leases the next job to `worker_id`: the due queued job (or the running job whose lease
    // expired) with the highest priority, then the earliest run_at, then the lowest id, among
    // those whose concurrency key has no running job. Opens a workflow run for the attempt and
    // counts it. Finishes lost jobs that may not run again on the way (dead after their last
    // attempt, or cancelled). nullopt when nothing is claimable. `kinds` (comma-separated)
    // limits the claim to the kinds a worker can run; empty claims any kind.
    Result<std::optional<Job>> Claim(std::string_view worker_id, std::string_view kinds = {});

    // Renews the lease for another `lease`. kConflict when the lease was lost.
    Result<HeartbeatReply> Heartbeat(std::int64_t job_id, std::string_view worker_id);

    // The job succeeded: its workflow run completes, and its event too once the event has no
    // other queued or running job. kConflict when the lease was lost.
    Result<void> Complete(std::int64_t job_id, std::string_view worker_id);

    // The attempt failed with `error` (stored, shown to users: no secrets). Retryable with
    // attempts left: queued again after RetryDelay. Otherwise dead: its workflow run and event
    // fail with `error`. A job asked to stop is cancelled instead. kConflict: lease lost.
    Result<FailOutcome> Fail(std::int64_t job_id, std::string_view worker_id,
                             std::string_view error, bool retryable);

    // Shutdown: gives the job back without counting the attempt (queued, or cancelled if a stop
    // was asked for). Returns the state it went to. kConflict when the lease was lost.
    Result<JobState> Release(std::int64_t job_id, std::string_view worker_id);

    // The worker stopped a job whose cancel was requested: cancelled. kConflict: lease lost.
    Result<void> AcknowledgeCancel(std::int64_t job_id, std::string_view worker_id);

    // Operator cancel (`nectr jobs cancel`). kNotFound for no such job, kConflict when it has
    // already finished (succeeded, dead or cancelled).
    Result<CancelOutcome> Cancel(std::int64_t job_id);

    // Operator retry: a dead or cancelled job is queued again now, attempts reset, and its
    // event is pending again. kNotFound for no such job, kConflict for any other state.
    Result<void> Retry(std::int64_t job_id);

    // Whether a stop was asked for (superseded or cancelled). kNotFound for no such job.
    Result<bool> IsCancelRequested(std::int64_t job_id);

    // Queue depth, running and dead jobs, and the wait of the oldest due job, in one query.
    Result<QueueStats> Stats();
    // Jobs matching `filter`, newest first (`nectr jobs list`).
    Result<std::vector<Job>> List(const JobFilter& filter);
    // One job. kNotFound for no such job.
    Result<Job> Get(std::int64_t job_id);

    // The options it was built with (the worker derives its heartbeat interval from lease).
    const QueueOptions& Options() const { return options_; }

private:
    std::int64_t NowMs() const { return core::ToUnixMillis(clock_.Now()); }
    double NextJitterUnit();
    Result<std::optional<Job>> ClaimOnce(std::string_view worker_id, std::string_view kinds);

    store::Database& database_;
    const core::Clock& clock_;
    QueueOptions options_;
    std::mutex random_mutex_;
    std::mt19937_64 random_;
};

}  // namespace nectr::queue
