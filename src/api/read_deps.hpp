#pragma once

#include <functional>
#include <string>

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "queue/job_store.hpp"
#include "store/database.hpp"

namespace nectr::api {

// What the read API (reviews, events, analytics) needs. The pointers must outlive the routes.
struct ReadApiDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;  // analytics' default window ends now
    // Finds the signed-in user of a request; every read is scoped to that user's repositories.
    auth::Authenticator authenticate;
    // ADMIN_API_TOKEN: lists the events of every repository (operators' scripts). Empty: none.
    std::string operator_token;
    // Where pull requests are shown: GitHub, or a GitHub Enterprise host's web root.
    std::string github_web_url = "https://github.com";
    // Where POST /api/v1/reviews/{id}/retry queues a failed review again; null: no such route.
    queue::JobQueue* jobs = nullptr;
    std::function<void()> job_queued;  // wakes the workers after a retry; may be unset
};

}  // namespace nectr::api
