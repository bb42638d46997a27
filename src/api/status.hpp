#pragma once

#include <boost/json/array.hpp>
#include <functional>
#include <string>

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "http/router.hpp"
#include "queue/job_store.hpp"
#include "store/database.hpp"

namespace nectr::api {

// The language model the reviews use, as configured (never its key).
struct LlmStatus {
    std::string provider;  // "anthropic", "openai", or "none"
    std::string model;
    bool configured = false;  // a provider with a key: reviews can run
};

// What GET /api/v1/status needs. The pointers must outlive the route.
struct StatusDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    queue::JobQueue* jobs = nullptr;
    auth::Authenticator authenticate;
    LlmStatus llm;
    // The MCP integrations and their state, one JSON object each; unset: an empty list.
    std::function<boost::json::array()> integrations;
};

// What the status page shows; built by CheckStatus, rendered by RenderStatus.
struct StatusReport {
    LlmStatus llm;
    std::string database_engine;
    bool database_ok = false;
    bool queue_known = false;  // false when the database did not answer
    queue::QueueStats queue;
    boost::json::array integrations;
};

// {"llm": {"provider", "model", "configured"}, "database": {"engine", "ok"},
//  "queue": {"depth", "oldest_age_s", "dead"} (null when unknown), "integrations": [...]}.
// depth counts queued and running jobs.
std::string RenderStatus(const StatusReport& report);

// Queries the database and the queue (blocks: run it on the pool).
StatusReport CheckStatus(const StatusDeps& deps);

// GET /api/v1/status: for signed-in users (401 otherwise); always 200 once signed in, the
// report says what is down.
http::Handler MakeStatusHandler(StatusDeps deps);

// Adds GET /api/v1/status. A missing db, pool, jobs or authenticator aborts (a wiring bug).
void AddStatusRoute(http::Router& router, const StatusDeps& deps);

}  // namespace nectr::api
