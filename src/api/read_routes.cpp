#include "api/read_routes.hpp"

#include "api/analytics.hpp"
#include "api/events.hpp"
#include "api/review_retry.hpp"
#include "api/reviews.hpp"
#include "core/error.hpp"

namespace nectr::api {

void AddReadApiRoutes(http::Router& router, const ReadApiDeps& deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.clock != nullptr,
                 "the read API needs a database, a blocking pool and a clock");
    NECTR_ASSERT(deps.authenticate, "the read API needs an authenticator");
    router.Add({"GET", "/api/v1/reviews", MakeReviewListHandler(deps)});
    router.Add({"GET", "/api/v1/reviews/{id}", MakeReviewHandler(deps)});
    if (deps.jobs != nullptr) {
        router.Add({"POST", "/api/v1/reviews/{id}/retry", MakeReviewRetryHandler(deps)});
    }
    router.Add({"GET", "/api/v1/events",
                MakeEventsHandler(
                    EventsDeps{deps.db, deps.pool, deps.operator_token, deps.authenticate})});
    router.Add({"GET", "/api/v1/analytics", MakeAnalyticsHandler(deps)});
}

}  // namespace nectr::api
