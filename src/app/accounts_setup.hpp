#pragma once

// The keys and sealed secrets of accounts, built once per process from SECRET_KEY (and
// SECRET_KEY_PREVIOUS): users' GitHub tokens and repositories' webhook secrets are stored
// encrypted, each purpose under its own derived key.
#include <memory>

#include "api/repo_routes.hpp"
#include "auth/key_ring.hpp"
#include "auth/routes.hpp"
#include "auth/sealer.hpp"
#include "auth/session_token.hpp"
#include "auth/user_tokens.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/client.hpp"
#include "store/database.hpp"

namespace nectr::app {

struct AccountKeys {
    AccountKeys(auth::KeyRing ring, const core::Config& config, store::Database& db,
                const core::Clock& clock);

    auth::KeyRing ring;
    auth::Sealer tokens;           // users' GitHub tokens
    auth::Sealer webhook_secrets;  // connected repositories' webhook secrets
    auth::UserTokens user_tokens;  // reads through `tokens`
    // Session cookies, issued by BACKEND_URL for SESSION_HOURS.
    auth::SessionSigner sessions;
};

// kInvalidInput when SECRET_KEY is empty (settings generate one in development).
core::Result<std::unique_ptr<AccountKeys>> MakeAccountKeys(const core::Config& config,
                                                           store::Database& db,
                                                           const core::Clock& clock);

// What the sign-in, session and token routes need; everything passed must outlive the router.
auth::AuthRoutesDeps AuthRoutesDepsFor(const core::Config& config, store::Database* db,
                                       core::BlockingPool& pool, http::Client& github_http,
                                       const core::Clock& clock, const AccountKeys& keys);

// A GitHub client acting as the caller, with the token they signed in with; kUnauthorized when
// Nectr holds none for them.
api::GitHubForCaller MakeGitHubForCaller(const core::Config& config, core::BlockingPool& pool,
                                         http::Client& github_http, const core::Clock& clock,
                                         const AccountKeys& keys);

}  // namespace nectr::app
