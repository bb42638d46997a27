#pragma once

// Personal API tokens of the signed-in user: list, create (the secret is shown once), revoke.
#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::auth {

// A creation request is a name and a number: anything larger is refused before it is read.
inline constexpr std::size_t kTokenRequestMaxBytes = 4096;

struct TokenEndpointsDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    Authenticator authenticate;  // MakeAuthenticator's
};

// GET /api/v1/tokens: 200 with the caller's tokens (see RenderTokenList), newest first.
http::Handler MakeListTokensHandler(TokenEndpointsDeps deps);

// POST /api/v1/tokens {"name", "expires_in_days"?}: 201 with the token, shown this once.
// Only a browser session may create tokens (403 for a request made with a token): a leaked
// token must not be able to mint others that outlive its revocation. 400 for a bad body
// (see ParseNewTokenRequest).
http::Handler MakeCreateTokenHandler(TokenEndpointsDeps deps);

// DELETE /api/v1/tokens/{id}: 204 once the caller's token is revoked (again: still 204);
// 404 alike for an id that does not exist and for another user's token.
http::Handler MakeRevokeTokenHandler(TokenEndpointsDeps deps);

// Every handler answers 401 without credentials and 503 when the database is down.

}  // namespace nectr::auth
