#include "auth/session_endpoints.hpp"

#include <boost/json.hpp>
#include <memory>

#include "auth/authenticator.hpp"
#include "auth/cookies.hpp"
#include "auth/same_origin.hpp"
#include "auth/session_records.hpp"
#include "auth/user_records.hpp"

namespace nectr::auth {
namespace {

namespace json = boost::json;
using Deps = std::shared_ptr<const SessionEndpointsDeps>;

json::value OrNull(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

std::string RenderProfile(const UserProfile& profile) {
    return json::serialize(json::object{{"id", profile.id},
                                        {"login", profile.login},
                                        {"name", OrNull(profile.name)},
                                        {"email", OrNull(profile.email)},
                                        {"avatar_url", OrNull(profile.avatar_url)}});
}

net::awaitable<http::Response> ShowMe(Deps deps, http::Request request) {
    core::Result<Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailureResponse(caller.error());
    }
    const std::int64_t user_id = caller->user_id;
    std::function<core::Result<std::optional<UserProfile>>()> find = [&deps, user_id] {
        return FindUserProfile(*deps->db, user_id);
    };
    core::Result<std::optional<UserProfile>> profile =
        co_await deps->pool->Call<core::Result<std::optional<UserProfile>>>(std::move(find));
    if (!profile) {
        co_return http::ErrorResponse(profile.error());
    }
    if (!*profile) {
        co_return AuthFailureResponse(
            core::MakeError(core::Errc::kUnauthorized, "the account no longer exists"));
    }
    http::Response response = http::Response::Json(200, RenderProfile(**profile));
    response.SetHeader("Cache-Control", "no-store");
    co_return response;
}

net::awaitable<http::Response> LogOut(Deps deps, http::Request request) {
    const std::optional<std::string> cookie = FindCookie(request, kSessionCookie);
    if (cookie && !cookie->empty()) {
        if (auto same_origin = CheckSameOrigin(request, deps->trusted_origins); !same_origin) {
            co_return http::ErrorResponse(same_origin.error());
        }
        if (core::Result<SessionClaims> claims = deps->sessions->Verify(*cookie); claims) {
            const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
            // Kept while a clock that runs behind could still accept the token.
            const std::int64_t until_ms = (claims->expires_at + kSessionLeeway.count()) * 1000;
            std::function<core::Result<void>()> revoke = [&deps, &claims, until_ms, now_ms] {
                return RevokeSession(*deps->db, claims->jti, claims->user_id, until_ms, now_ms);
            };
            core::Result<void> revoked =
                co_await deps->pool->Call<core::Result<void>>(std::move(revoke));
            if (!revoked) {
                co_return http::ErrorResponse(revoked.error());
            }
        }
    }
    http::Response response = http::Response::Text(204, "");
    response.SetHeader("Cache-Control", "no-store");
    AddSetCookie(response,
                 ClearCookieValue(kSessionCookie, CookieOptions{"/", std::chrono::seconds(0),
                                                                deps->cookie_secure}));
    co_return response;
}

}  // namespace

http::Handler MakeMeHandler(SessionEndpointsDeps deps) {
    Deps shared = std::make_shared<const SessionEndpointsDeps>(std::move(deps));
    return [shared](http::Request request) { return ShowMe(shared, std::move(request)); };
}

http::Handler MakeLogoutHandler(SessionEndpointsDeps deps) {
    Deps shared = std::make_shared<const SessionEndpointsDeps>(std::move(deps));
    return [shared](http::Request request) { return LogOut(shared, std::move(request)); };
}

}  // namespace nectr::auth
