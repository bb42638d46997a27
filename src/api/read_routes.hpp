#pragma once

#include "api/read_deps.hpp"
#include "http/router.hpp"

namespace nectr::api {

// Adds the read API, every route scoped to the caller's repositories:
//   GET /api/v1/reviews         MakeReviewListHandler
//   GET /api/v1/reviews/{id}    MakeReviewHandler
//   POST /api/v1/reviews/{id}/retry  MakeReviewRetryHandler (only with deps.jobs)
//   GET /api/v1/events          MakeEventsHandler (the operator token also sees everything)
//   GET /api/v1/analytics       MakeAnalyticsHandler
// `deps` needs db, pool, clock and authenticate (a missing one aborts: a wiring bug). The
// router must not hold any of these routes yet (a duplicate aborts).
void AddReadApiRoutes(http::Router& router, const ReadApiDeps& deps);

}  // namespace nectr::api
