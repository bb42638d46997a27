#pragma once

// GitHub's OAuth web flow, the two steps that happen on GitHub's web host rather than its
// API: the authorization page a browser is sent to, and the exchange of the code GitHub
// hands back for a user token. Neither is part of the REST API (nor of its OpenAPI
// description), and the exchange answers errors with status 200 and an `error` field.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/client.hpp"

namespace nectr::github {

namespace net = boost::asio;

struct OAuthAppOptions {
    // "https://github.com", or the Enterprise Server host "https://ghe.example.com".
    std::string web_url = "https://github.com";
    std::string client_id;
    std::string client_secret;  // secret: never logged, never in an error
    std::string user_agent;     // empty: nectr/<version>
    std::chrono::milliseconds timeout{30 * 1000};
};

// A user token from the exchange.
struct OAuthToken {
    std::string access_token;  // secret
    std::string scope;         // what the user granted, comma-separated: "read:org,repo"
    std::string token_type;    // "bearer"
};

// {web_url}/login/oauth/authorize?client_id=..&redirect_uri=..&scope=..&state=.., every
// value percent-encoded; `scope` is space-separated ("repo read:org"). Pure.
std::string AuthorizeUrl(std::string_view web_url, std::string_view client_id,
                         std::string_view redirect_uri, std::string_view scope,
                         std::string_view state);

// Reads the exchange's answer (Accept: application/json). GitHub's own refusals
// ({"error": "bad_verification_code", "error_description": ...}) become kInvalidInput for a
// code that is wrong or expired (the user should start again) and kUpstream for the rest
// (wrong client credentials, a redirect URI GitHub does not know: the operator must act);
// the detail names GitHub's error code and description. A non-2xx status without such an
// error, or a body that is not JSON or lacks the token, is kUpstream. Pure.
core::Result<OAuthToken> ParseOAuthTokenAnswer(int status, std::string_view body);

// POST {web_url}/login/oauth/access_token with client_id, client_secret, code and
// redirect_uri as a form. Sent once: a code is good for one exchange, so a retry after an
// unclear failure could only earn bad_verification_code. Errors: those of
// ParseOAuthTokenAnswer, and kUnavailable or kTimeout when GitHub cannot be reached.
net::awaitable<core::Result<OAuthToken>> ExchangeOAuthCode(http::Client& http,
                                                           OAuthAppOptions options,
                                                           std::string code,
                                                           std::string redirect_uri);

}  // namespace nectr::github
