#include "auth/routes.hpp"

#include "auth/oauth_flow.hpp"
#include "auth/session_endpoints.hpp"
#include "auth/token_endpoints.hpp"

namespace nectr::auth {

std::vector<std::string> TrustedOrigins(const AuthRoutesDeps& deps) {
    std::vector<std::string> origins{deps.backend_url};
    if (!deps.frontend_url.empty()) {
        origins.push_back(deps.frontend_url);
    }
    return origins;
}

AuthenticatorDeps AuthenticatorDepsFor(const AuthRoutesDeps& deps) {
    AuthenticatorDeps out;
    out.db = deps.db;
    out.pool = deps.pool;
    out.clock = deps.clock;
    out.sessions = deps.sessions;
    out.trusted_origins = TrustedOrigins(deps);
    return out;
}

void AddAuthRoutes(http::Router& router, const AuthRoutesDeps& deps) {
    const OAuthFlowDeps flow{deps.db,           deps.pool,         deps.http,         deps.clock,
                             deps.token_sealer, deps.sessions,     deps.app,          deps.api,
                             deps.backend_url,  deps.frontend_url, deps.cookie_secure};
    const Authenticator authenticate = MakeAuthenticator(AuthenticatorDepsFor(deps));
    const SessionEndpointsDeps sessions{deps.db,           deps.pool,    deps.clock,
                                        deps.sessions,     authenticate, TrustedOrigins(deps),
                                        deps.cookie_secure};
    const TokenEndpointsDeps tokens{deps.db, deps.pool, deps.clock, authenticate};

    router.Add({"GET", "/auth/github", MakeSignInHandler(flow)});
    router.Add({"GET", "/auth/github/callback", MakeCallbackHandler(flow)});
    router.Add({"GET", "/auth/me", MakeMeHandler(sessions)});
    router.Add({"POST", "/auth/logout", MakeLogoutHandler(sessions), kTokenRequestMaxBytes});
    router.Add({"GET", "/api/v1/tokens", MakeListTokensHandler(tokens)});
    router.Add({"POST", "/api/v1/tokens", MakeCreateTokenHandler(tokens), kTokenRequestMaxBytes});
    router.Add({"DELETE", "/api/v1/tokens/{id}", MakeRevokeTokenHandler(tokens)});
}

}  // namespace nectr::auth
