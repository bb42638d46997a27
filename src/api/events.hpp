#pragma once

#include <string>

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::api {

struct EventsDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    // ADMIN_API_TOKEN: a request bearing it lists the events of every repository, so that
    // operators' scripts need no account. Empty: no request is an operator's.
    std::string operator_token;
    // Finds a signed-in user (session cookie or API token), who sees the events of the
    // repositories they reach. Unset: only the operator token admits (the endpoint as it was
    // before accounts). The default is spelled out so that {db, pool, token} still
    // initialises without a missing-initialiser warning.
    auth::Authenticator authenticate = {};
};

// GET /api/v1/events?repo=&type=&status=&limit=&cursor=: received webhook events, newest
// first, each with its latest job and never with its payload (see RenderEventPage). The
// operator token sees every event; any other caller only those of the repositories
// user_repositories gives them (a repo filter outside them lists nothing). In order: the
// operator token when it matches; else the authenticator's answer (401 with
// WWW-Authenticate, 503); without an authenticator, 403 when no operator token is configured
// and 401 otherwise; then 400 for a bad parameter, 503 when the database is down, else 200.
http::Handler MakeEventsHandler(EventsDeps deps);

}  // namespace nectr::api
