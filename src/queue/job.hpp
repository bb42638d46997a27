#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nectr::queue {

// Where a job is in its life: queued -> running -> succeeded, or back to queued for a retry,
// or dead after its last attempt, or cancelled (superseded, or by an operator).
enum class JobState { kQueued, kRunning, kSucceeded, kDead, kCancelled };

// The name stored in jobs.state: "queued", "running", "succeeded", "dead", "cancelled".
std::string_view JobStateName(JobState state);
// The state a stored name stands for; nullopt for any other text.
std::optional<JobState> ParseJobState(std::string_view name);

// The PostgreSQL channel on which every statement that makes a job claimable (enqueue, retry,
// release) signals, with the schema as payload: see jobs/insert.postgres.sql. Workers in other
// processes LISTEN on it (store::PostgresListener) instead of waiting for their next poll.
inline constexpr std::string_view kJobsChannel = "nectr_jobs";

// What the producer (ingest, the CLI) asks the queue to run.
struct NewJob {
    std::string kind;                       // dispatches to a handler, e.g. "review"
    std::string payload = "{}";             // JSON, opaque to the queue; never holds a token
    std::int64_t priority = 0;              // higher runs sooner
    std::optional<std::int64_t> run_at_ms;  // not before; nullopt = now
    std::int64_t max_attempts = 5;          // dead after this many failed attempts
    std::optional<std::int64_t> event_id;   // the events row that caused it, if any
    std::string repo_full_name;             // "owner/repo", or empty
    std::optional<std::int64_t> pr_number;
    std::optional<std::string> head_sha;
    // A newer job with the same key supersedes older ones: queued ones are cancelled and
    // running ones are asked to stop. Empty: never superseded.
    std::string coalesce_key;
    // At most one job per key runs at a time. Empty: no limit.
    std::string concurrency_key;
};

// A stored job, as the queue hands it to a worker or to `nectr jobs`.
struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::string payload;
    std::int64_t priority = 0;
    JobState state = JobState::kQueued;
    std::int64_t run_at_ms = 0;
    std::int64_t attempts = 0;  // attempts started, this one included while running
    std::int64_t max_attempts = 0;
    std::optional<std::string> lease_owner;  // holds the lease while running, or last held it
    std::optional<std::int64_t> lease_expires_at_ms;
    std::optional<std::string> last_error;
    std::optional<std::int64_t> event_id;
    std::string repo_full_name;
    std::optional<std::int64_t> pr_number;
    std::optional<std::string> head_sha;
    std::string coalesce_key;
    std::string concurrency_key;
    bool cancel_requested = false;
    std::optional<std::int64_t> workflow_run_id;  // the workflow_runs row of the latest attempt
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
    std::optional<std::int64_t> finished_at_ms;
};

// "owner/repo#12": how logs and keys name a pull request.
std::string PullRequestName(std::string_view repo_full_name, std::int64_t pr_number);

// The coalesce key of the review jobs of one pull request: "review:owner/repo#12". A newer
// synchronize supersedes the reviews of older head commits.
std::string ReviewCoalesceKey(std::string_view repo_full_name, std::int64_t pr_number);

// The concurrency key that lets one job of a pull request run at a time: "pr:owner/repo#12".
std::string PullRequestConcurrencyKey(std::string_view repo_full_name, std::int64_t pr_number);

}  // namespace nectr::queue
