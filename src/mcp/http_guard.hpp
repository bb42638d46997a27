#pragma once

// What every MCP HTTP request passes before it reaches the dispatcher: the Origin check, the
// bearer token, the body's media type. Internal to the HTTP transports.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/caller.hpp"
#include "http/message.hpp"
#include "mcp/access.hpp"

namespace nectr::mcp {

namespace net = boost::asio;

// 403 when Origin is present and names none of `allowed_urls`' origins; nullopt otherwise.
std::optional<http::Response> CheckOrigin(const http::Request& request,
                                          const std::vector<std::string>& allowed_urls);

// The caller's Access, or the response refusing the request: 401 with a Bearer challenge for
// a missing, malformed or rejected token and for a session cookie instead of a token.
net::awaitable<std::variant<Access, http::Response>> Authenticate(
    const auth::Authenticator& authenticate, const http::Request& request);

// 415 unless the body is declared application/json.
std::optional<http::Response> CheckJsonBody(const http::Request& request);

// A JSON-RPC error as an HTTP answer, for failures outside any one message (no id).
http::Response JsonRpcFailure(int status, int code, std::string message);

// True when the Accept header admits `media_type` (absent, */*, type/* or the type itself).
bool Accepts(const http::Request& request, std::string_view media_type);

}  // namespace nectr::mcp
