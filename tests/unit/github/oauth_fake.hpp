#pragma once

// A stand-in for GitHub in sign-in tests, on loopback: its web host (the authorization page
// and the code exchange of the OAuth web flow, which GitHub's OpenAPI description leaves
// out) and the two API calls sign-in makes (GET /user, GET /user/installations), answering
// as GitHub's documentation says:
// - /login/oauth/authorize acts as a user who approves at once (or declines, when told to):
//   302 to the redirect URI with `code` and `state`, or with `error=access_denied`,
//   `error_description` and `state`.
// - /login/oauth/access_token takes client_id, client_secret, code and redirect_uri (form
//   body or query). Its refusals come with status 200 and an `error` field
//   (incorrect_client_credentials, redirect_uri_mismatch, bad_verification_code); a code is
//   good once. The answer is JSON with `Accept: application/json`, a form otherwise.
// - /user and /user/installations want `Authorization: Bearer <token>` (or `token <token>`)
//   and answer 401 "Bad credentials" otherwise; installations come in pages with a Link
//   header.
#include <fmt/core.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace nectr::github::testing {

struct FakeAccount {
    std::int64_t id = 0;
    std::string login;
    std::string name;   // "" is sent as null, as GitHub does for a private name
    std::string email;  // likewise
    std::string avatar_url;
    std::vector<std::int64_t> installations;
    int installations_status = 200;  // 403 or 404: a token that may not list them
};

class FakeGitHubOAuth {
public:
    FakeGitHubOAuth(std::string client_id, std::string client_secret)
        : client_id_(std::move(client_id)), client_secret_(std::move(client_secret)) {
        AddRoutes();
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        port_ = port ? *port : 0;
    }
    ~FakeGitHubOAuth() {
        server_->RequestStop();
        server_->Wait();
    }
    FakeGitHubOAuth(const FakeGitHubOAuth&) = delete;
    FakeGitHubOAuth& operator=(const FakeGitHubOAuth&) = delete;

    std::uint16_t Port() const { return port_; }  // 0 when the server did not start
    // The web host and the API root alike.
    std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // The callback URL registered for the OAuth App: redirect_uri must be this one.
    void RegisterCallback(std::string url) {
        std::lock_guard lock(mutex_);
        callback_ = std::move(url);
    }
    // Who is signed in at GitHub: the authorization page approves for them.
    void SignInAs(FakeAccount account) {
        std::lock_guard lock(mutex_);
        signed_in_ = std::move(account);
        declines_ = false;
    }
    // The user declines on the authorization page.
    void Decline() {
        std::lock_guard lock(mutex_);
        declines_ = true;
    }
    // A code as the authorization page would hand out for `account`.
    std::string IssueCode(FakeAccount account) {
        std::lock_guard lock(mutex_);
        return IssueCodeLocked(std::move(account));
    }
    void SetInstallationsPageSize(int size) {
        std::lock_guard lock(mutex_);
        installations_page_size_ = size;
    }

    // The requests that reached a path, in order.
    std::vector<http::Request> Seen(const std::string& path) const {
        std::lock_guard lock(mutex_);
        std::vector<http::Request> out;
        for (const auto& request : seen_) {
            if (request.path == path) {
                out.push_back(request);
            }
        }
        return out;
    }

private:
    static http::Response Json(int status, const boost::json::value& body) {
        return http::Response::Json(status, boost::json::serialize(body));
    }
    static std::optional<std::string> FormField(const http::Request& request,
                                                const std::string& name) {
        http::Request form;
        form.query = request.body;
        auto value = form.QueryParam(name);
        return value ? value : request.QueryParam(name);
    }
    static boost::json::value NullIfEmpty(const std::string& text) {
        return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
    }

    std::string IssueCodeLocked(FakeAccount account) {
        std::string code = fmt::format("code{:016x}", ++counter_);
        codes_[code] = std::move(account);
        return code;
    }

    void Record(const http::Request& request) {
        std::lock_guard lock(mutex_);
        seen_.push_back(request);
    }

    void On(std::string method, std::string pattern,
            std::function<http::Response(const http::Request&)> answer) {
        router_.Add({std::move(method), std::move(pattern),
                     [this, answer](http::Request request) -> net::awaitable<http::Response> {
                         Record(request);
                         co_return answer(request);
                     }});
    }

    void AddRoutes() {
        On("GET", "/login/oauth/authorize",
           [this](const http::Request& r) { return Authorize(r); });
        On("POST", "/login/oauth/access_token",
           [this](const http::Request& r) { return Exchange(r); });
        On("GET", "/user", [this](const http::Request& r) { return User(r); });
        On("GET", "/user/installations",
           [this](const http::Request& r) { return Installations(r); });
    }

    http::Response Authorize(const http::Request& request) {
        std::lock_guard lock(mutex_);
        const std::string redirect = request.QueryParam("redirect_uri").value_or(callback_);
        if (request.QueryParam("client_id").value_or("") != client_id_ || redirect != callback_) {
            return http::Response::Text(404, "Not Found");  // GitHub shows an error page
        }
        const std::string state = request.QueryParam("state").value_or("");
        std::string location = redirect + "?";
        if (declines_ || !signed_in_) {
            location +=
                "error=access_denied&error_description=The+user+has+denied+your+application+"
                "access.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps%2F"
                "troubleshooting-authorization-request-errors%2F%23access-denied";
        } else {
            location += "code=" + IssueCodeLocked(*signed_in_);
        }
        location += "&state=" + state;  // the state is hex in these tests: nothing to encode
        http::Response response = http::Response::Text(302, "");
        response.SetHeader("Location", location);
        return response;
    }

    http::Response Exchange(const http::Request& request) {
        std::lock_guard lock(mutex_);
        boost::json::object answer;
        const auto code = FormField(request, "code");
        const auto redirect = FormField(request, "redirect_uri");
        if (FormField(request, "client_id").value_or("") != client_id_ ||
            FormField(request, "client_secret").value_or("") != client_secret_) {
            answer = {
                {"error", "incorrect_client_credentials"},
                {"error_description", "The client_id and/or client_secret passed are incorrect."},
                {"error_uri",
                 "/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-"
                 "request-errors/#incorrect-client-credentials"}};
        } else if (redirect && *redirect != callback_) {
            answer = {{"error", "redirect_uri_mismatch"},
                      {"error_description",
                       "The redirect_uri MUST match the registered callback URL for this "
                       "application."},
                      {"error_uri",
                       "/apps/managing-oauth-apps/troubleshooting-authorization-request-"
                       "errors/#redirect-uri-mismatch2"}};
        } else if (!code || codes_.find(*code) == codes_.end()) {
            answer = {{"error", "bad_verification_code"},
                      {"error_description", "The code passed is incorrect or expired."},
                      {"error_uri",
                       "/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-"
                       "request-errors/#bad-verification-code"}};
        } else {
            const std::string token = fmt::format("gho_{:036x}", ++counter_);
            tokens_[token] = codes_[*code];
            codes_.erase(*code);
            answer = {
                {"access_token", token}, {"scope", "read:org,repo"}, {"token_type", "bearer"}};
        }
        const bool wants_json =
            request.Header("Accept").value_or("").find("application/json") != std::string::npos;
        if (wants_json) {
            return Json(200, answer);
        }
        std::string form;
        for (const auto& [key, value] : answer) {
            form += (form.empty() ? "" : "&") + std::string(key) + "=" +
                    std::string(value.as_string());  // tests read only the JSON form
        }
        return http::Response::Text(200, form, "application/x-www-form-urlencoded; charset=utf-8");
    }

    std::optional<FakeAccount> AccountOf(const http::Request& request) {
        std::string authorization(request.Header("Authorization").value_or(""));
        for (const char* scheme : {"Bearer ", "token "}) {
            if (authorization.rfind(scheme, 0) == 0) {
                auto found = tokens_.find(authorization.substr(std::string(scheme).size()));
                if (found != tokens_.end()) {
                    return found->second;
                }
            }
        }
        return std::nullopt;
    }

    static http::Response BadCredentials() {
        return Json(401,
                    boost::json::object{{"message", "Bad credentials"},
                                        {"documentation_url", "https://docs.github.com/rest"}});
    }

    http::Response User(const http::Request& request) {
        std::lock_guard lock(mutex_);
        auto account = AccountOf(request);
        if (!account) {
            return BadCredentials();
        }
        return Json(200, boost::json::object{{"login", account->login},
                                             {"id", account->id},
                                             {"avatar_url", account->avatar_url},
                                             {"type", "User"},
                                             {"site_admin", false},
                                             {"name", NullIfEmpty(account->name)},
                                             {"email", NullIfEmpty(account->email)}});
    }

    http::Response Installations(const http::Request& request) {
        std::lock_guard lock(mutex_);
        auto account = AccountOf(request);
        if (!account) {
            return BadCredentials();
        }
        if (account->installations_status != 200) {
            return Json(
                account->installations_status,
                boost::json::object{{"message", account->installations_status == 403
                                                    ? "Resource not accessible by integration"
                                                    : "Not Found"}});
        }
        const std::size_t per_page =
            std::min<std::size_t>(std::stoul(request.QueryParam("per_page").value_or("30")),
                                  static_cast<std::size_t>(installations_page_size_));
        const std::size_t page = std::stoul(request.QueryParam("page").value_or("1"));
        boost::json::array listed;
        const auto& all = account->installations;
        for (std::size_t i = (page - 1) * per_page; i < all.size() && i < page * per_page; ++i) {
            listed.push_back(boost::json::object{
                {"id", all[i]},
                {"app_id", 1},
                {"target_type", "Organization"},
                {"account", boost::json::object{{"login", "org" + std::to_string(all[i])}}}});
        }
        http::Response response =
            Json(200, boost::json::object{{"total_count", all.size()}, {"installations", listed}});
        if (page * per_page < all.size()) {
            response.SetHeader("Link", fmt::format("<{}/user/installations?per_page={}&page={}>; "
                                                   "rel=\"next\"",
                                                   Url(), per_page, page + 1));
        }
        return response;
    }

    const std::string client_id_;
    const std::string client_secret_;
    http::Router router_;
    core::Metrics metrics_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;

    mutable std::mutex mutex_;
    std::string callback_;
    std::optional<FakeAccount> signed_in_;
    bool declines_ = false;
    int installations_page_size_ = 100;
    std::uint64_t counter_ = 0;
    std::map<std::string, FakeAccount> codes_;
    std::map<std::string, FakeAccount> tokens_;
    std::vector<http::Request> seen_;
};

}  // namespace nectr::github::testing
