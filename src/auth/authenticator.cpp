#include "auth/authenticator.hpp"

#include <memory>

#include "auth/api_token_records.hpp"
#include "auth/api_token_secret.hpp"
#include "auth/cookies.hpp"
#include "auth/same_origin.hpp"
#include "auth/session_records.hpp"

namespace nectr::auth {
namespace {

using core::Errc;
using Deps = std::shared_ptr<const AuthenticatorDeps>;

core::Error Unauthorized(std::string detail) {
    return core::MakeError(Errc::kUnauthorized, std::move(detail));
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c =
            text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != prefix[i]) {
            return false;
        }
    }
    return true;
}

// Blocking: the lookup, the checks, and the use record.
core::Result<Caller> CallerOfToken(const AuthenticatorDeps& deps, const std::string& token) {
    auto owner = FindApiToken(*deps.db, HashApiToken(token));
    if (!owner) {
        return owner.error();
    }
    if (!*owner) {
        return Unauthorized("unknown API token");
    }
    const ApiTokenOwner& found = **owner;
    const std::int64_t now_ms = core::ToUnixMillis(deps.clock->Now());
    if (found.revoked_at_ms) {
        return Unauthorized("the API token was revoked");
    }
    if (found.expires_at_ms && *found.expires_at_ms <= now_ms) {
        return Unauthorized("the API token expired");
    }
    const std::chrono::milliseconds interval = deps.token_use_interval;
    if (!found.last_used_at_ms || *found.last_used_at_ms < now_ms - interval.count()) {
        if (auto touched = TouchApiToken(*deps.db, found.token_id, now_ms, interval); !touched) {
            return touched.error();
        }
    }
    return Caller{found.user_id, found.login, CallerVia::kApiToken};
}

net::awaitable<core::Result<Caller>> FromToken(Deps deps, std::string header) {
    constexpr std::string_view kBearer = "bearer ";
    if (!StartsWithIgnoreCase(header, kBearer)) {
        co_return Unauthorized("Authorization must be a Bearer token");
    }
    std::string token = header.substr(kBearer.size());
    while (!token.empty() && token.front() == ' ') {
        token.erase(0, 1);
    }
    if (!LooksLikeApiToken(token)) {
        co_return Unauthorized("the bearer value is not a Nectr API token");
    }
    std::function<core::Result<Caller>()> lookup = [&deps, &token] {
        return CallerOfToken(*deps, token);
    };
    core::Result<Caller> caller =
        co_await deps->pool->Call<core::Result<Caller>>(std::move(lookup));
    co_return caller;
}

// `same_origin`: the cross-site check's verdict, which counts once the cookie verifies.
net::awaitable<core::Result<Caller>> FromSession(Deps deps, std::string cookie,
                                                 core::Result<void> same_origin) {
    core::Result<SessionClaims> claims = deps->sessions->Verify(cookie);
    if (!claims) {
        co_return Unauthorized("the session is not valid: " + claims.error().detail);
    }
    if (!same_origin) {
        co_return same_origin.error();
    }
    std::function<core::Result<SessionStanding>()> check = [&deps, &claims] {
        return CheckSession(*deps->db, claims->user_id, claims->jti);
    };
    core::Result<SessionStanding> standing =
        co_await deps->pool->Call<core::Result<SessionStanding>>(std::move(check));
    if (!standing) {
        co_return standing.error();
    }
    if (!standing->user_exists) {
        co_return Unauthorized("the account of this session no longer exists");
    }
    if (standing->revoked) {
        co_return Unauthorized("the session was signed out");
    }
    co_return Caller{claims->user_id, standing->login, CallerVia::kSession};
}

net::awaitable<core::Result<Caller>> Authenticate(Deps deps, const http::Request& request) {
    if (auto authorization = request.Header("Authorization")) {
        core::Result<Caller> caller = co_await FromToken(deps, std::string(*authorization));
        co_return caller;
    }
    std::optional<std::string> cookie = FindCookie(request, kSessionCookie);
    if (!cookie || cookie->empty()) {
        co_return Unauthorized("sign in, or send a personal API token");
    }
    core::Result<void> same_origin = IsStateChanging(request.method)
                                         ? CheckSameOrigin(request, deps->trusted_origins)
                                         : core::Result<void>();
    core::Result<Caller> caller =
        co_await FromSession(deps, std::move(*cookie), std::move(same_origin));
    co_return caller;
}

}  // namespace

Authenticator MakeAuthenticator(AuthenticatorDeps deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.clock != nullptr &&
                     deps.sessions != nullptr,
                 "the authenticator needs its database, pool, clock and session signer");
    Deps shared = std::make_shared<const AuthenticatorDeps>(std::move(deps));
    return [shared](const http::Request& request) { return Authenticate(shared, request); };
}

http::Response AuthFailureResponse(const core::Error& error) {
    http::Response response = http::ErrorResponse(error);
    if (response.status == 401) {
        response.SetHeader("WWW-Authenticate", "Bearer realm=\"nectr\"");
    }
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

}  // namespace nectr::auth
