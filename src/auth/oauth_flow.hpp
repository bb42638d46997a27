#pragma once

// Sign-in with GitHub (the OAuth web flow): GET /auth/github sends the browser to GitHub's
// authorization page; GET /auth/github/callback takes GitHub's answer, records the user and
// starts a session.
//
// The state is random, stored, good for one callback within five minutes (oauth_states), and
// also set in a short-lived cookie that the callback must carry: a stored state alone would
// let someone send a victim the callback link of their own sign-in and so sign the victim
// into the wrong account (login CSRF).
#include <chrono>
#include <string>

#include "auth/sealer.hpp"
#include "auth/session_token.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "github/oauth.hpp"
#include "github/options.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::auth {

// What sign-in asks of a user's account: their repositories (to connect them and read pull
// requests) and their organisations' membership.
inline constexpr const char* kSignInScope = "repo read:org";

struct OAuthFlowDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    http::Client* http = nullptr;  // to GitHub
    const core::Clock* clock = nullptr;
    const Sealer* token_sealer = nullptr;  // purpose kTokenEncryptionPurpose
    const SessionSigner* sessions = nullptr;
    // GITHUB_WEB_URL, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET; sign-in answers 503 while the
    // id or the secret is empty.
    github::OAuthAppOptions app;
    // For GET /user and /user/installations with the user's token (GITHUB_API_URL).
    github::ClientOptions api;
    std::string backend_url;     // the callback is {backend_url}/auth/github/callback
    std::string frontend_url;    // a signed-in browser goes to {frontend_url}/; empty: backend
    bool cookie_secure = false;  // SESSION_COOKIE_SECURE
};

// GET /auth/github: 302 to {web_url}/login/oauth/authorize with client_id, redirect_uri,
// scope and a new state, and the state cookie. 503 pages when sign-in is not configured or
// the database is down.
http::Handler MakeSignInHandler(OAuthFlowDeps deps);

// GET /auth/github/callback?code=&state=: on success, the user's row (token sealed), their
// App installation grants (kept as they were when GitHub cannot list them), the session
// cookie, and a 302 to the frontend. Otherwise an HTML page that says what happened and
// links to a fresh sign-in: 400 for a missing, unknown, used, expired or foreign state, a
// sign-in declined on GitHub, or a code GitHub does not accept; 502 when GitHub fails or
// refuses the app; 503 when sign-in is not configured or the database is down.
http::Handler MakeCallbackHandler(OAuthFlowDeps deps);

}  // namespace nectr::auth
