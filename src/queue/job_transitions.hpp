#pragma once

// The queue transitions that take several statements, run inside the caller's transaction.
// Internal to src/queue: JobQueue and EnqueueJob call them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "queue/job.hpp"
#include "store/database.hpp"

namespace nectr::queue {

using core::Result;

// Coalescing: cancels the queued jobs of `coalesce_key` older than `newer_id` ("superseded by
// job N") and settles their events, and sets cancel_requested on the running ones.
Result<void> SupersedeOlderJobs(store::Connection& connection, const std::string& coalesce_key,
                                std::int64_t newer_id, std::int64_t now_ms);

// Claims the next job for `worker_id` (jobs/claim.*.sql) with a lease until now + lease_ms.
// First finishes the lost jobs that may not run again (dead after their last attempt, or
// cancelled); on a reclaim it fails the workflow run of the lost attempt. Opens the workflow
// run of the new attempt. nullopt when nothing is claimable. On SQLite the caller's
// transaction must be BEGIN IMMEDIATE (store::Connection::Begin is). `kinds` is a
// comma-separated list of the kinds to claim; empty claims any kind. Jobs of
// `repository_limited_kind` (empty: none) honour their repository's
// installations.max_concurrent_reviews: kConflict when a racing claimer took the last slot
// first (the caller rolls back and claims again).
Result<std::optional<Job>> ClaimNextJob(store::Connection& connection, std::string_view worker_id,
                                        std::int64_t now_ms, std::int64_t lease_ms,
                                        std::string_view kinds = {},
                                        std::string_view repository_limited_kind = {});

}  // namespace nectr::queue
