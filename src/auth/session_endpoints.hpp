#pragma once

// GET /auth/me and POST /auth/logout: the signed-in user, and signing out.
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "auth/session_token.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::auth {

struct SessionEndpointsDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    const SessionSigner* sessions = nullptr;
    Authenticator authenticate;                // MakeAuthenticator's
    std::vector<std::string> trusted_origins;  // as AuthenticatorDeps::trusted_origins
    bool cookie_secure = false;                // SESSION_COOKIE_SECURE
};

// GET /auth/me: 200 {"id", "login", "name", "email", "avatar_url"} (id is Nectr's user id;
// name, email and avatar_url may be null) for a session or an API token; 401 otherwise; 503
// when the database is down.
http::Handler MakeMeHandler(SessionEndpointsDeps deps);

// POST /auth/logout: records the session's jti in revoked_sessions, so that the token is
// refused even where a copy survives, clears the cookie and answers 204. Without a valid
// session there is nothing to revoke, and the answer is the same 204. 403 when a session
// cookie comes from another site's page (see auth/same_origin.hpp); 503 when the database
// is down.
http::Handler MakeLogoutHandler(SessionEndpointsDeps deps);

}  // namespace nectr::auth
