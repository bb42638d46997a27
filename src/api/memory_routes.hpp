#pragma once

// The memory endpoints of the REST API: what Nectr remembers about a repository, read and
// curated by the people who work on it.
//
//   GET    /api/v1/memory?repo=owner/name[&type=][&scope=][&developer=][&limit=][&cursor=]
//          newest first, paged; with &q=words a ranked search instead (type, developer and
//          limit apply; developer then means "the repository's and this developer's")
//   POST   /api/v1/memory          {repo, type, content, scope?, developer?, confidence?}
//          201 with the memory; 200 with "deduplicated": true and the memory it strengthened
//   GET    /api/v1/memory/{id}     one memory
//   PUT    /api/v1/memory/{id}     {content?, type?, confidence?}
//   DELETE /api/v1/memory/{id}     204
//   GET    /api/v1/memory/project-map?repo=owner/name
//          rules, conventions and preferences, and the indexed structure and hot spots
//
// Every endpoint needs a caller (401 without one) and acts only within the repositories the
// caller reaches (user_repositories): another repository, and any memory of one, answers 404
// with the body of one that does not exist. The authenticator checks the origin of
// cookie-authenticated writes.
#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::api {

struct MemoryApiDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    auth::Authenticator authenticate;
};

// Adds the routes above. `deps` is copied into the handlers; what its pointers point to must
// outlive the router. A missing dependency aborts (a wiring bug).
void AddMemoryRoutes(http::Router& router, const MemoryApiDeps& deps);

}  // namespace nectr::api
