#include "mcp/http_guard.hpp"

#include <boost/json/serialize.hpp>

#include "auth/authenticator.hpp"
#include "auth/same_origin.hpp"
#include "core/text.hpp"
#include "mcp/json_rpc.hpp"

namespace nectr::mcp {
std::optional<http::Response> CheckOrigin(const http::Request& request,
                                          const std::vector<std::string>& allowed_urls) {
    const std::optional<std::string_view> header = request.Header("Origin");
    if (!header) {
        return std::nullopt;
    }
    const std::string origin = auth::OriginOf(*header);
    if (!origin.empty()) {
        for (const std::string& url : allowed_urls) {
            if (auth::OriginOf(url) == origin) {
                return std::nullopt;
            }
        }
    }
    return JsonRpcFailure(403, kInvalidRequest,
                          "Forbidden: requests from this Origin are not accepted");
}

net::awaitable<std::variant<Access, http::Response>> Authenticate(
    const auth::Authenticator& authenticate, const http::Request& request) {
    const std::optional<std::string_view> header = request.Header("Authorization");
    if (!header || core::AsciiLower(header->substr(0, 7)) != "bearer " ||
        core::TrimBlanks(header->substr(7)).empty()) {
        co_return auth::AuthFailureResponse(core::MakeError(
            core::Errc::kUnauthorized,
            "the MCP server needs a personal API token: Authorization: Bearer <token>"));
    }
    net::awaitable<core::Result<auth::Caller>> pending = authenticate(request);
    core::Result<auth::Caller> caller = co_await std::move(pending);
    if (!caller) {
        co_return auth::AuthFailureResponse(caller.error());
    }
    if (caller->via != auth::CallerVia::kApiToken) {
        co_return auth::AuthFailureResponse(core::MakeError(
            core::Errc::kUnauthorized, "the MCP server takes personal API tokens only"));
    }
    co_return Access::Of(*caller);
}

std::optional<http::Response> CheckJsonBody(const http::Request& request) {
    const std::optional<std::string_view> type = request.Header("Content-Type");
    if (type && core::AsciiLower(core::TrimBlanks(type->substr(0, type->find(';')))) ==
                    "application/json") {
        return std::nullopt;
    }
    return JsonRpcFailure(415, kInvalidRequest,
                          "Unsupported Media Type: the body must be application/json");
}

http::Response JsonRpcFailure(int status, int code, std::string message) {
    http::Response response = http::Response::Json(
        status, boost::json::serialize(
                    MakeErrorResponse(nullptr, RpcError{code, std::move(message), std::nullopt})));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

bool Accepts(const http::Request& request, std::string_view media_type) {
    const std::optional<std::string_view> header = request.Header("Accept");
    if (!header) {
        return true;
    }
    const std::string wanted = core::AsciiLower(media_type);
    const std::string family = wanted.substr(0, wanted.find('/')) + "/*";
    std::string_view rest = *header;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        std::string_view item = core::TrimBlanks(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const std::string type = core::AsciiLower(core::TrimBlanks(item.substr(0, item.find(';'))));
        if (type == wanted || type == family || type == "*/*") {
            return true;
        }
    }
    return false;
}

}  // namespace nectr::mcp
