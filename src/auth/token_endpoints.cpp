#include "auth/token_endpoints.hpp"

#include <memory>

#include "auth/api_token_secret.hpp"
#include "auth/authenticator.hpp"
#include "auth/token_requests.hpp"
#include "core/log.hpp"

namespace nectr::auth {
namespace {

using core::Errc;
using Deps = std::shared_ptr<const TokenEndpointsDeps>;

constexpr std::int64_t kMillisPerDay = std::int64_t{24} * 60 * 60 * 1000;

http::Response NoStore(http::Response response) {
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

net::awaitable<http::Response> ListTokens(Deps deps, http::Request request) {
    core::Result<Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailureResponse(caller.error());
    }
    const std::int64_t user_id = caller->user_id;
    std::function<core::Result<std::vector<ApiTokenInfo>>()> list = [&deps, user_id] {
        return ListApiTokens(*deps->db, user_id);
    };
    core::Result<std::vector<ApiTokenInfo>> tokens =
        co_await deps->pool->Call<core::Result<std::vector<ApiTokenInfo>>>(std::move(list));
    if (!tokens) {
        co_return http::ErrorResponse(tokens.error());
    }
    co_return NoStore(http::Response::Json(200, RenderTokenList(*tokens)));
}

net::awaitable<http::Response> CreateToken(Deps deps, http::Request request) {
    core::Result<Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailureResponse(caller.error());
    }
    if (caller->via != CallerVia::kSession) {
        co_return http::ErrorResponse(core::MakeError(
            Errc::kForbidden, "API tokens are created from a signed-in browser session only"));
    }
    core::Result<NewTokenRequest> wanted = ParseNewTokenRequest(request.body);
    if (!wanted) {
        co_return http::ErrorResponse(wanted.error());
    }
    const NewTokenSecret secret = GenerateApiToken();
    const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
    ApiTokenInfo info;
    info.name = wanted->name;
    info.prefix = secret.prefix;
    info.created_at_ms = now_ms;
    if (wanted->expires_in_days) {
        info.expires_at_ms = now_ms + *wanted->expires_in_days * kMillisPerDay;
    }
    const NewApiTokenRecord record{caller->user_id, info.name, secret.hash, info.prefix,
                                   info.expires_at_ms};
    std::function<core::Result<std::int64_t>()> insert = [&deps, &record, now_ms] {
        return InsertApiToken(*deps->db, record, now_ms);
    };
    core::Result<std::int64_t> id =
        co_await deps->pool->Call<core::Result<std::int64_t>>(std::move(insert));
    if (!id) {
        co_return http::ErrorResponse(id.error());
    }
    info.id = *id;
    NECTR_LOG_INFO("auth.token_created", "user_id={} token_id={} prefix={}", caller->user_id,
                   info.id, info.prefix);
    co_return NoStore(http::Response::Json(201, RenderNewToken(info, secret.token)));
}

net::awaitable<http::Response> RevokeToken(Deps deps, http::Request request) {
    core::Result<Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailureResponse(caller.error());
    }
    const std::optional<std::int64_t> token_id = ParseTokenId(request.PathParam("id").value_or(""));
    const core::Error not_found = core::MakeError(Errc::kNotFound, "no such token");
    if (!token_id) {
        co_return http::ErrorResponse(not_found);
    }
    const std::int64_t user_id = caller->user_id;
    const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
    std::function<core::Result<bool>()> revoke = [&deps, user_id, &token_id, now_ms] {
        return RevokeApiToken(*deps->db, user_id, *token_id, now_ms);
    };
    core::Result<bool> revoked = co_await deps->pool->Call<core::Result<bool>>(std::move(revoke));
    if (!revoked) {
        co_return http::ErrorResponse(revoked.error());
    }
    if (!*revoked) {
        co_return http::ErrorResponse(not_found);
    }
    NECTR_LOG_INFO("auth.token_revoked", "user_id={} token_id={}", user_id, *token_id);
    co_return NoStore(http::Response::Text(204, ""));
}

}  // namespace

http::Handler MakeListTokensHandler(TokenEndpointsDeps deps) {
    Deps shared = std::make_shared<const TokenEndpointsDeps>(std::move(deps));
    return [shared](http::Request request) { return ListTokens(shared, std::move(request)); };
}

http::Handler MakeCreateTokenHandler(TokenEndpointsDeps deps) {
    Deps shared = std::make_shared<const TokenEndpointsDeps>(std::move(deps));
    return [shared](http::Request request) { return CreateToken(shared, std::move(request)); };
}

http::Handler MakeRevokeTokenHandler(TokenEndpointsDeps deps) {
    Deps shared = std::make_shared<const TokenEndpointsDeps>(std::move(deps));
    return [shared](http::Request request) { return RevokeToken(shared, std::move(request)); };
}

}  // namespace nectr::auth
