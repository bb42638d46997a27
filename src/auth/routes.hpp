#pragma once

// Every route of sign-in, sessions and personal API tokens, for app/ to add to its table.
#include <string>
#include <vector>

#include "auth/authenticator.hpp"
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

// Everything the routes need; every pointer must outlive the router.
struct AuthRoutesDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    http::Client* http = nullptr;  // to GitHub
    const core::Clock* clock = nullptr;
    const Sealer* token_sealer = nullptr;     // Sealer(keys, kTokenEncryptionPurpose, clock)
    const SessionSigner* sessions = nullptr;  // SessionSigner(keys, issuer, SESSION_HOURS, clock)
    github::OAuthAppOptions app;              // GITHUB_WEB_URL, GITHUB_CLIENT_ID/SECRET
    github::ClientOptions api;                // GITHUB_API_URL (user agent, timeouts)
    std::string backend_url;                  // BACKEND_URL
    std::string frontend_url;                 // FRONTEND_URL
    bool cookie_secure = false;               // SESSION_COOKIE_SECURE
};

// The backend and frontend URLs: the origins trusted to send cookie-authenticated writes.
std::vector<std::string> TrustedOrigins(const AuthRoutesDeps& deps);

// The authenticator for these deps, for every other endpoint of a user's data.
AuthenticatorDeps AuthenticatorDepsFor(const AuthRoutesDeps& deps);

// Adds:
//   GET    /auth/github           MakeSignInHandler
//   GET    /auth/github/callback  MakeCallbackHandler
//   GET    /auth/me               MakeMeHandler
//   POST   /auth/logout           MakeLogoutHandler
//   GET    /api/v1/tokens         MakeListTokensHandler
//   POST   /api/v1/tokens         MakeCreateTokenHandler (bodies up to kTokenRequestMaxBytes)
//   DELETE /api/v1/tokens/{id}    MakeRevokeTokenHandler
void AddAuthRoutes(http::Router& router, const AuthRoutesDeps& deps);

}  // namespace nectr::auth
