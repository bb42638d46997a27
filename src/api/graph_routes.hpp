#pragma once

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::api {

// What the knowledge graph's routes need. The pointers must outlive the routes.
struct GraphApiDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;  // "now" for recency weights and time windows
    // Finds the signed-in user; a repository outside their user_repositories is a 404.
    auth::Authenticator authenticate;
};

// Adds the knowledge graph's read routes, each for one repository the caller reaches:
//   GET /api/v1/repos/{owner}/{repo}/graph/health          verdict trend, hot files, bus factor
//   GET /api/v1/repos/{owner}/{repo}/graph/experts?path=   who knows these files (&limit=)
//   GET /api/v1/repos/{owner}/{repo}/graph/hot-files       most changed in 90 days (&limit=)
//   GET /api/v1/repos/{owner}/{repo}/graph/pull-requests?path=  PRs that touched them (&limit=)
// 401 without a caller, 400 for a bad name or parameter, 404 with one body for a repository
// that does not exist and one the caller does not reach, 503 when the database is down. A
// reachable repository that nothing indexed yet answers 200 with "indexed": false and empty
// lists. A missing dependency aborts (a wiring bug), as does a route the router holds already.
void AddGraphRoutes(http::Router& router, const GraphApiDeps& deps);

}  // namespace nectr::api
