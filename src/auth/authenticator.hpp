#pragma once

// The one Authenticator (auth/caller.hpp) that every endpoint of a user's data asks.
#include <chrono>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "auth/session_token.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace nectr::auth {

struct AuthenticatorDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;  // database calls run here, never on an I/O thread
    const core::Clock* clock = nullptr;
    const SessionSigner* sessions = nullptr;
    // The backend and frontend URLs: pages of these origins may send state-changing
    // requests with the session cookie (see auth/same_origin.hpp).
    std::vector<std::string> trusted_origins;
    // A token's last_used_at is written at most this often.
    std::chrono::seconds token_use_interval{60};
};

// Finds the caller of a request, in this order:
// 1. `Authorization: Bearer nectr_...`: a personal API token, found by its hash, neither
//    revoked nor expired; its last use is recorded. Caller::via is kApiToken. Any other
//    Authorization header is refused rather than passed over for the cookie.
// 2. The `nectr_session` cookie: a session JWT that verifies, was not signed out, of a user
//    who still exists. Caller::via is kSession, with the user's current login. A
//    state-changing method (POST, PUT, PATCH, DELETE) must also come from a trusted origin
//    (Origin, else Referer): kForbidden otherwise.
// Errors: kUnauthorized (no credentials, or bad ones; the detail says which), kForbidden
// (the cross-site check), kUnavailable (the database). Every pointer in `deps` must outlive
// the authenticator and each call; the request must outlive its call.
Authenticator MakeAuthenticator(AuthenticatorDeps deps);

// The answer to a request the authenticator refused: ErrorResponse, plus for 401 the
// `WWW-Authenticate: Bearer` challenge that names the scheme, and never cached.
http::Response AuthFailureResponse(const core::Error& error);

}  // namespace nectr::auth
