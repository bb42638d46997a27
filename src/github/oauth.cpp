#include "github/oauth.hpp"

#include <fmt/core.h>

#include <boost/json/value.hpp>

#include "github/json_fields.hpp"
#include "github/options.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

namespace json = boost::json;
using core::Errc;

// GitHub's descriptions are a sentence; a cap keeps a broken server out of the logs.
constexpr std::size_t kMaxDescription = 200;

std::string WithoutTrailingSlash(std::string_view url) {
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return std::string(url);
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) {
            body += '&';
        }
        body += EncodePathSegment(name) + "=" + EncodePathSegment(value);
    }
    return body;
}

core::Error GitHubRefusal(const json::object& object) {
    const std::string code = StringAt(object, "error");
    std::string description = StringAt(object, "error_description");
    if (description.size() > kMaxDescription) {
        description.resize(kMaxDescription);
        description += "...";
    }
    std::string detail = "GitHub refused the sign-in code: " + code;
    if (!description.empty()) {
        detail += " (" + description + ")";
    }
    return core::MakeError(code == "bad_verification_code" ? Errc::kInvalidInput : Errc::kUpstream,
                           std::move(detail));
}

}  // namespace

std::string AuthorizeUrl(std::string_view web_url, std::string_view client_id,
                         std::string_view redirect_uri, std::string_view scope,
                         std::string_view state) {
    return WithQuery(WithoutTrailingSlash(web_url) + "/login/oauth/authorize",
                     {{"client_id", std::string(client_id)},
                      {"redirect_uri", std::string(redirect_uri)},
                      {"scope", std::string(scope)},
                      {"state", std::string(state)}});
}

core::Result<OAuthToken> ParseOAuthTokenAnswer(int status, std::string_view body) {
    auto value = ParseJson(body, "an access token answer");
    const json::object* object = value ? value->if_object() : nullptr;
    if (object != nullptr && !StringAt(*object, "error").empty()) {
        return GitHubRefusal(*object);
    }
    if (status < 200 || status >= 300) {
        return core::MakeError(
            Errc::kUpstream,
            fmt::format("GitHub answered {} to the sign-in code exchange", status));
    }
    if (object == nullptr) {
        return core::MakeError(Errc::kUpstream,
                               "GitHub's answer to the sign-in code exchange is not a JSON object");
    }
    OAuthToken token{StringAt(*object, "access_token"), StringAt(*object, "scope"),
                     StringAt(*object, "token_type")};
    if (token.access_token.empty()) {
        return core::MakeError(Errc::kUpstream,
                               "GitHub's answer to the sign-in code exchange lacks access_token");
    }
    return token;
}

net::awaitable<core::Result<OAuthToken>> ExchangeOAuthCode(http::Client& http,
                                                           OAuthAppOptions options,
                                                           std::string code,
                                                           std::string redirect_uri) {
    http::OutboundRequest request;
    request.method = "POST";
    request.url = WithoutTrailingSlash(options.web_url) + "/login/oauth/access_token";
    request.headers = {
        {"Accept", "application/json"},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"User-Agent", options.user_agent.empty() ? DefaultUserAgent() : options.user_agent}};
    request.body = FormBody({{"client_id", options.client_id},
                             {"client_secret", options.client_secret},
                             {"code", code},
                             {"redirect_uri", redirect_uri}});
    request.timeout = options.timeout;
    request.max_response_bytes = std::size_t{64} * 1024;
    auto response = co_await http::Send(http, std::move(request));
    if (!response) {
        co_return core::MakeError(
            response.error().code,
            "cannot reach GitHub to exchange the sign-in code: " + response.error().detail);
    }
    co_return ParseOAuthTokenAnswer(response->status, response->body);
}

}  // namespace nectr::github
