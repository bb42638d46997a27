#include "queue/job_store.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <utility>

#include "core/log.hpp"
#include "queue/backoff.hpp"
#include "queue/job_records.hpp"
#include "queue/job_transitions.hpp"
#include "store/sql.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using store::Connection;
using store::Rows;
using store::Value;

// Two PostgreSQL workers that claim jobs of one concurrency key at the same instant: the
// unique index lets one commit and fails the other with kConflict. The loser's next try sees
// the winner's running job and passes over that key once the winner has committed; while
// it has not, the claim reports nothing claimable and the worker simply tries again later.
constexpr int kClaimTries = 3;

constexpr std::string_view kReleased = "released: the worker shut down before finishing";
constexpr std::string_view kCancelledByOperator = "cancelled by an operator";

core::Error LeaseLost(std::int64_t job_id, std::string_view worker_id) {
    return core::MakeError(
        Errc::kConflict,
        fmt::format("job {}: worker {} no longer holds its lease", job_id, worker_id));
}

core::Error NoSuchJob(std::int64_t job_id) {
    return core::MakeError(Errc::kNotFound, fmt::format("no job {}", job_id));
}

// Why `action` does not apply to a job: it does not exist, or its state does not allow it.
Result<void> Refusal(Connection& connection, std::int64_t job_id, std::string_view action) {
    const Value params[] = {job_id};
    Result<Rows> rows = connection.Execute(store::sql::kJobsGet, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return NoSuchJob(job_id);
    }
    return core::MakeError(Errc::kConflict,
                           fmt::format("cannot {} job {}: it is {}", action, job_id,
                                       TextColumn(*rows, 0, "state").value_or("unknown")));
}

}  // namespace

Result<std::int64_t> EnqueueJob(Connection& connection, const NewJob& job, std::int64_t now_ms) {
    if (job.kind.empty()) {
        return core::MakeError(Errc::kInvalidInput, "a job needs a kind");
    }
    if (job.max_attempts < 1) {
        return core::MakeError(
            Errc::kInvalidInput,
            fmt::format("a job needs max_attempts >= 1, not {}", job.max_attempts));
    }
    const Value params[] = {job.kind,
                            job.payload,
                            job.priority,
                            job.run_at_ms.value_or(now_ms),
                            job.max_attempts,
                            OptionalInt(job.event_id),
                            job.repo_full_name,
                            OptionalInt(job.pr_number),
                            OptionalText(job.head_sha),
                            job.coalesce_key,
                            job.concurrency_key,
                            now_ms};
    Result<Rows> inserted = connection.Execute(store::sql::kJobsInsert, params);
    if (!inserted) {
        return inserted.error();
    }
    const std::optional<std::int64_t> id = store::InsertedId(*inserted);
    if (!id) {
        return core::MakeError(Errc::kInternal, "queue: the job insert returned no id");
    }
    if (!job.coalesce_key.empty()) {
        if (auto superseded = SupersedeOlderJobs(connection, job.coalesce_key, *id, now_ms);
            !superseded) {
            return superseded.error();
        }
    }
    return *id;
}

JobQueue::JobQueue(store::Database& database, const core::Clock& clock, QueueOptions options)
    : database_(database),
      clock_(clock),
      options_(options),
      random_(options.seed != 0 ? options.seed : std::random_device{}()) {}

double JobQueue::NextJitterUnit() {
    std::lock_guard lock(random_mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

Result<std::int64_t> JobQueue::Enqueue(const NewJob& job) {
    std::int64_t id = 0;
    const std::int64_t now_ms = NowMs();
    Result<void> done =
        store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
            Result<std::int64_t> enqueued = EnqueueJob(connection, job, now_ms);
            if (!enqueued) {
                return enqueued.error();
            }
            id = *enqueued;
            return {};
        });
    if (!done) {
        return done.error();
    }
    return id;
}

Result<std::optional<Job>> JobQueue::Claim(std::string_view worker_id, std::string_view kinds) {
    for (int attempt = 1;; ++attempt) {
        Result<std::optional<Job>> claimed = ClaimOnce(worker_id, kinds);
        if (claimed || claimed.error().code != Errc::kConflict) {
            return claimed;
        }
        if (attempt == kClaimTries) {
            // Still losing races for busy keys: other workers are making progress on them.
            // Nothing is claimable for this worker right now; it tries again on its next pass.
            return std::optional<Job>{};
        }
    }
}

Result<std::optional<Job>> JobQueue::ClaimOnce(std::string_view worker_id,
                                               std::string_view kinds) {
    std::optional<Job> claimed;
    const std::int64_t now_ms = NowMs();
    Result<void> done =
        store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
            Result<std::optional<Job>> job =
                ClaimNextJob(connection, worker_id, now_ms, options_.lease.count(), kinds,
                             options_.repository_limited_kind);
            if (!job) {
                return job.error();
            }
            claimed = std::move(*job);
            return {};
        });
    if (!done) {
        return done.error();
    }
    return claimed;
}

Result<HeartbeatReply> JobQueue::Heartbeat(std::int64_t job_id, std::string_view worker_id) {
    const std::int64_t now_ms = NowMs();
    const Value params[] = {job_id, std::string(worker_id), now_ms + options_.lease.count(),
                            now_ms};
    Result<Rows> renewed = store::Execute(database_, store::sql::kJobsHeartbeat, params);
    if (!renewed) {
        return renewed.error();
    }
    if (renewed->empty()) {
        return LeaseLost(job_id, worker_id);
    }
    return HeartbeatReply{IntColumn(*renewed, 0, "cancel_requested").value_or(0) != 0};
}

Result<void> JobQueue::Complete(std::int64_t job_id, std::string_view worker_id) {
    const std::int64_t now_ms = NowMs();
    return store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
        const Value params[] = {job_id, std::string(worker_id), now_ms};
        Result<Rows> done = connection.Execute(store::sql::kJobsComplete, params);
        if (!done) {
            return done.error();
        }
        if (done->empty()) {
            return LeaseLost(job_id, worker_id);
        }
        if (auto closed = CloseWorkflowRun(connection, IntColumn(*done, 0, "workflow_run_id"),
                                           std::nullopt, now_ms);
            !closed) {
            return closed;
        }
        return SettleEvent(connection, IntColumn(*done, 0, "event_id"), now_ms);
    });
}

Result<FailOutcome> JobQueue::Fail(std::int64_t job_id, std::string_view worker_id,
                                   std::string_view error, bool retryable) {
    const std::int64_t now_ms = NowMs();
    const double jitter_unit = NextJitterUnit();
    const BackoffPolicy policy{options_.base_backoff, options_.max_backoff};
    FailOutcome outcome;
    Result<void> done =
        store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
            const Value lease_params[] = {job_id, std::string(worker_id)};
            Result<Rows> lease = connection.Execute(store::sql::kJobsFindLease, lease_params);
            if (!lease) {
                return lease.error();
            }
            if (lease->empty()) {
                return LeaseLost(job_id, worker_id);
            }
            const std::int64_t attempts = IntColumn(*lease, 0, "attempts").value_or(0);
            const bool retry =
                retryable && attempts < IntColumn(*lease, 0, "max_attempts").value_or(0);
            const std::int64_t run_at_ms =
                retry ? now_ms + RetryDelay(attempts, policy, jitter_unit).count() : now_ms;
            const Value params[] = {
                job_id,    std::string(worker_id), std::string(retry ? "queued" : "dead"),
                run_at_ms, std::string(error),     now_ms};
            Result<Rows> failed = connection.Execute(store::sql::kJobsFail, params);
            if (!failed) {
                return failed.error();
            }
            if (failed->empty()) {
                return LeaseLost(job_id, worker_id);
            }
            outcome.state = ParseJobState(TextColumn(*failed, 0, "state").value_or(""))
                                .value_or(JobState::kDead);
            outcome.run_at_ms = IntColumn(*failed, 0, "run_at").value_or(run_at_ms);
            if (auto closed = CloseWorkflowRun(connection, IntColumn(*failed, 0, "workflow_run_id"),
                                               std::string(error), now_ms);
                !closed) {
                return closed;
            }
            if (outcome.state == JobState::kQueued) {
                return {};
            }
            NECTR_LOG_WARN("queue.job_dead", "job_id={} attempts={} state={} error=\"{}\"", job_id,
                           attempts, JobStateName(outcome.state), error);
            return SettleEvent(connection, IntColumn(*failed, 0, "event_id"), now_ms);
        });
    if (!done) {
        return done.error();
    }
    return outcome;
}

Result<JobState> JobQueue::Release(std::int64_t job_id, std::string_view worker_id) {
    const std::int64_t now_ms = NowMs();
    JobState state = JobState::kQueued;
    Result<void> done =
        store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
            const Value params[] = {job_id, std::string(worker_id), now_ms};
            Result<Rows> released = connection.Execute(store::sql::kJobsRelease, params);
            if (!released) {
                return released.error();
            }
            if (released->empty()) {
                return LeaseLost(job_id, worker_id);
            }
            state = ParseJobState(TextColumn(*released, 0, "state").value_or(""))
                        .value_or(JobState::kQueued);
            if (auto closed =
                    CloseWorkflowRun(connection, IntColumn(*released, 0, "workflow_run_id"),
                                     std::string(kReleased), now_ms);
                !closed) {
                return closed;
            }
            if (state == JobState::kQueued) {
                return {};
            }
            return SettleEvent(connection, IntColumn(*released, 0, "event_id"), now_ms);
        });
    if (!done) {
        return done.error();
    }
    return state;
}

Result<void> JobQueue::AcknowledgeCancel(std::int64_t job_id, std::string_view worker_id) {
    const std::int64_t now_ms = NowMs();
    return store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
        const Value params[] = {job_id, std::string(worker_id), now_ms};
        Result<Rows> cancelled = connection.Execute(store::sql::kJobsAcknowledgeCancel, params);
        if (!cancelled) {
            return cancelled.error();
        }
        if (cancelled->empty()) {
            return LeaseLost(job_id, worker_id);
        }
        const std::string note = TextColumn(*cancelled, 0, "last_error").value_or("cancelled");
        if (auto closed = CloseWorkflowRun(connection, IntColumn(*cancelled, 0, "workflow_run_id"),
                                           note, now_ms);
            !closed) {
            return closed;
        }
        return SettleEvent(connection, IntColumn(*cancelled, 0, "event_id"), now_ms);
    });
}

Result<CancelOutcome> JobQueue::Cancel(std::int64_t job_id) {
    const std::int64_t now_ms = NowMs();
    CancelOutcome outcome = CancelOutcome::kCancelled;
    Result<void> done =
        store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
            const Value params[] = {job_id, std::string(kCancelledByOperator), now_ms};
            Result<Rows> cancelled = connection.Execute(store::sql::kJobsCancelQueued, params);
            if (!cancelled) {
                return cancelled.error();
            }
            if (!cancelled->empty()) {
                outcome = CancelOutcome::kCancelled;
                return SettleEvent(connection, IntColumn(*cancelled, 0, "event_id"), now_ms);
            }
            Result<Rows> requested = connection.Execute(store::sql::kJobsRequestCancel, params);
            if (!requested) {
                return requested.error();
            }
            if (requested->affected_rows > 0) {
                outcome = CancelOutcome::kCancelRequested;
                return {};
            }
            return Refusal(connection, job_id, "cancel");
        });
    if (!done) {
        return done.error();
    }
    return outcome;
}

Result<void> JobQueue::Retry(std::int64_t job_id) {
    const std::int64_t now_ms = NowMs();
    return store::InTransaction(database_, [&](Connection& connection) -> Result<void> {
        const Value params[] = {job_id, now_ms};
        Result<Rows> revived = connection.Execute(store::sql::kJobsRetry, params);
        if (!revived) {
            return revived.error();
        }
        if (revived->empty()) {
            return Refusal(connection, job_id, "retry");
        }
        return ReopenEvent(connection, IntColumn(*revived, 0, "event_id"));
    });
}

Result<bool> JobQueue::IsCancelRequested(std::int64_t job_id) {
    const Value params[] = {job_id};
    Result<Rows> rows = store::Execute(database_, store::sql::kJobsIsCancelRequested, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return NoSuchJob(job_id);
    }
    return IntColumn(*rows, 0, "cancel_requested").value_or(0) != 0;
}

Result<QueueStats> JobQueue::Stats() {
    const std::int64_t now_ms = NowMs();
    const Value params[] = {now_ms};
    Result<Rows> rows = store::Execute(database_, store::sql::kJobsStats, params);
    if (!rows) {
        return rows.error();
    }
    QueueStats stats;
    stats.queued = IntColumn(*rows, 0, "queued").value_or(0);
    stats.ready = IntColumn(*rows, 0, "ready").value_or(0);
    stats.running = IntColumn(*rows, 0, "running").value_or(0);
    stats.dead = IntColumn(*rows, 0, "dead").value_or(0);
    const std::optional<std::int64_t> oldest = IntColumn(*rows, 0, "oldest_ready_run_at");
    stats.oldest_ready_age_ms = oldest ? std::max<std::int64_t>(now_ms - *oldest, 0) : 0;
    return stats;
}

Result<std::vector<Job>> JobQueue::List(const JobFilter& filter) {
    const Value params[] = {
        std::string(filter.state ? JobStateName(*filter.state) : std::string_view()), filter.kind,
        std::max<std::int64_t>(filter.limit, 0), std::max<std::int64_t>(filter.offset, 0)};
    Result<Rows> rows = store::Execute(database_, store::sql::kJobsList, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<Job> jobs;
    jobs.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        Result<Job> job = JobFromRow(*rows, i);
        if (!job) {
            return job.error();
        }
        jobs.push_back(std::move(*job));
    }
    return jobs;
}

Result<Job> JobQueue::Get(std::int64_t job_id) {
    const Value params[] = {job_id};
    Result<Rows> rows = store::Execute(database_, store::sql::kJobsGet, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return NoSuchJob(job_id);
    }
    return JobFromRow(*rows, 0);
}

}  // namespace nectr::queue
