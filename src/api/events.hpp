#pragma once

#include <string>

#include "core/blocking_pool.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::api {

struct EventsDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    // ADMIN_API_TOKEN. Until accounts scope events to their owners, only the operator may
    // list them; empty keeps the endpoint closed (403).
    std::string operator_token;
};

// GET /api/v1/events?repo=&type=&status=&limit=&cursor=: received webhook events, newest
// first, each with its latest job and never with its payload (see RenderEventPage). In
// order: 403 when no operator token is configured, 401 (with WWW-Authenticate) without the
// right bearer token, 400 for a bad parameter, 503 when the database is down, else 200.
http::Handler MakeEventsHandler(EventsDeps deps);

}  // namespace nectr::api
