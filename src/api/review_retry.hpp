#pragma once

#include <cstdint>

#include "api/read_deps.hpp"
#include "core/error.hpp"
#include "http/router.hpp"
#include "queue/job_store.hpp"

namespace nectr::api {

// Queues the review job of a failed review again: a copy of the pull request's newest review
// job (same payload, event and keys), due now. Scoped like GET /api/v1/reviews/{id}:
// kNotFound for a review the user does not reach; kConflict when the review has not failed,
// when a review of the pull request is already queued or running, or when no queued job
// produced it (`nectr review` runs). Returns the new job's id. Blocks on the database.
core::Result<std::int64_t> RetryReview(store::Database& db, queue::JobQueue& jobs,
                                       std::int64_t user_id, std::int64_t review_id);

// POST /api/v1/reviews/{id}/retry: 202 {"job_id"} after RetryReview, then wakes the workers
// through deps.job_queued. 401 without a caller, 403 for a cookie session from another
// origin (the authenticator's check), 400 for a bad id, 404 and 409 as RetryReview says.
http::Handler MakeReviewRetryHandler(ReadApiDeps deps);

}  // namespace nectr::api
