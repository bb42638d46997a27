#include "queue/job_transitions.hpp"

#include <fmt/core.h>

#include <utility>

#include "core/log.hpp"
#include "queue/job_records.hpp"
#include "store/sql.hpp"

namespace nectr::queue {
namespace {

using store::Connection;
using store::Rows;
using store::Value;

constexpr std::string_view kLostOnLastAttempt =
    "the worker of the last attempt stopped renewing its lease (killed or stuck)";
constexpr std::string_view kLostLease = "the worker stopped renewing its lease (killed or stuck)";

// Finishes lost jobs that may not run again (see jobs/reap_expired.sql).
Result<void> ReapExpired(Connection& connection, std::int64_t now_ms) {
    const Value params[] = {now_ms, std::string(kLostOnLastAttempt)};
    Result<Rows> reaped = connection.Execute(store::sql::kJobsReapExpired, params);
    if (!reaped) {
        return reaped.error();
    }
    for (std::size_t i = 0; i < reaped->size(); ++i) {
        const std::optional<std::string> reason = TextColumn(*reaped, i, "last_error");
        NECTR_LOG_WARN("queue.lost_job_finished", "job_id={} state={} reason=\"{}\"",
                       IntColumn(*reaped, i, "id").value_or(0),
                       TextColumn(*reaped, i, "state").value_or(""), reason.value_or(""));
        if (auto closed = CloseWorkflowRun(connection, IntColumn(*reaped, i, "workflow_run_id"),
                                           reason.value_or(std::string(kLostLease)), now_ms);
            !closed) {
            return closed.error();
        }
        if (auto settled = SettleEvent(connection, IntColumn(*reaped, i, "event_id"), now_ms);
            !settled) {
            return settled.error();
        }
    }
    return {};
}

// Whether claiming `job` took its repository over its limit: only possible when another
// worker claimed a job of the same repository at the same moment (PostgreSQL; SQLite has one
// writer). The lock makes the count see every claim committed before this one.
Result<void> CheckRepositoryLimit(Connection& connection, const Job& job) {
    const Value repository[] = {job.repo_full_name};
    if (auto locked = connection.Execute(store::sql::kJobsLockRepository, repository); !locked) {
        return locked.error();
    }
    const Value params[] = {job.repo_full_name, job.kind};
    Result<Rows> rows = connection.Execute(store::sql::kJobsRepositoryOverLimit, params);
    if (!rows) {
        return rows.error();
    }
    const std::optional<std::int64_t> allowed = IntColumn(*rows, 0, "allowed");
    const std::int64_t running = IntColumn(*rows, 0, "running").value_or(0);
    if (allowed && running > *allowed) {
        return core::MakeError(core::Errc::kConflict,
                               fmt::format("{} already runs {} {} jobs, its limit",
                                           job.repo_full_name, *allowed, job.kind));
    }
    return {};
}

}  // namespace

Result<void> SupersedeOlderJobs(Connection& connection, const std::string& coalesce_key,
                                std::int64_t newer_id, std::int64_t now_ms) {
    const Value probe[] = {coalesce_key, newer_id};
    Result<Rows> older = connection.Execute(store::sql::kJobsOlderCoalesced, probe);
    if (!older) {
        return older.error();
    }
    if (older->empty()) {
        return {};
    }
    const Value params[] = {coalesce_key, newer_id, fmt::format("superseded by job {}", newer_id),
                            now_ms};
    Result<Rows> cancelled = connection.Execute(store::sql::kJobsSupersedeQueued, params);
    if (!cancelled) {
        return cancelled.error();
    }
    for (std::size_t i = 0; i < cancelled->size(); ++i) {
        NECTR_LOG_INFO("queue.superseded", "job_id={} by_job_id={} key={}",
                       IntColumn(*cancelled, i, "id").value_or(0), newer_id, coalesce_key);
        if (auto settled = SettleEvent(connection, IntColumn(*cancelled, i, "event_id"), now_ms);
            !settled) {
            return settled.error();
        }
    }
    Result<Rows> flagged = connection.Execute(store::sql::kJobsFlagSupersededRunning, params);
    if (!flagged) {
        return flagged.error();
    }
    return {};
}

Result<std::optional<Job>> ClaimNextJob(Connection& connection, std::string_view worker_id,
                                        std::int64_t now_ms, std::int64_t lease_ms,
                                        std::string_view kinds,
                                        std::string_view repository_limited_kind) {
    if (auto reaped = ReapExpired(connection, now_ms); !reaped) {
        return reaped.error();
    }
    const Value params[] = {std::string(worker_id), now_ms, now_ms + lease_ms, std::string(kinds),
                            std::string(repository_limited_kind)};
    Result<Rows> rows = connection.Execute(store::sql::kJobsClaim, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<Job>();
    }
    Result<Job> job = JobFromRow(*rows, 0);
    if (!job) {
        return job.error();
    }
    if (!repository_limited_kind.empty() && job->kind == repository_limited_kind &&
        !job->repo_full_name.empty()) {
        if (auto within = CheckRepositoryLimit(connection, *job); !within) {
            return within.error();
        }
    }
    // A run still open belongs to an attempt whose worker was lost; a closed one is left as is.
    if (auto closed =
            CloseWorkflowRun(connection, job->workflow_run_id, std::string(kLostLease), now_ms);
        !closed) {
        return closed.error();
    }
    const Value run_params[] = {OptionalInt(job->event_id), job->kind, now_ms};
    Result<Rows> run = connection.Execute(store::sql::kJobsStartWorkflowRun, run_params);
    if (!run) {
        return run.error();
    }
    job->workflow_run_id = IntColumn(*run, 0, "id");
    const Value link_params[] = {job->id, OptionalInt(job->workflow_run_id)};
    if (auto linked = connection.Execute(store::sql::kJobsSetWorkflowRun, link_params); !linked) {
        return linked.error();
    }
    return std::optional<Job>(std::move(*job));
}

}  // namespace nectr::queue
