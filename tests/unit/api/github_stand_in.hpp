#pragma once

// GitHub for the repository endpoint tests: every request is forwarded to Prism, which serves
// GitHub's OpenAPI description and validates the request (its `sl-violations` about the
// request are kept for the test to assert on). Prism answers from fixed examples, so two things
// are played here instead: which repositories each token sees (`GET /user/repos`, built from
// Prism's own example repository), and answers a test scripts for one method and path (a 422,
// a 404, a GitHub outage). Runs on Nectr's own HTTP server over loopback.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace nectr::api::repos_testing {

namespace json = boost::json;
namespace net = boost::asio;

// One request as the stand-in received it, and what it answered.
struct GitHubExchange {
    std::string method;
    std::string path;  // decoded, without the query
    std::string body;
    std::string token;  // from "Authorization: Bearer <token>"
    int status = 0;     // what the stand-in answered
    int prism_status = 0;
    std::string violations;  // Prism's findings about the request; empty when it was valid
};

// A repository as /user/repos lists it for one token.
struct ListedRepo {
    std::string full_name;
    std::int64_t id = 0;
    bool admin = true;
    bool is_private = false;
};

class GitHubStandIn {
public:
    // Answers a scripted request, given the body Prism answered with.
    using Script = std::function<http::Response(const std::string& prism_body)>;

    explicit GitHubStandIn(std::string prism_url)
        : prism_url_(std::move(prism_url)), client_(http::MakeCurlClient({})) {
        for (const char* method : {"GET", "POST", "PATCH", "PUT", "DELETE"}) {
            router_.Add({method, "/{rest...}",
                         [this](http::Request request) { return Handle(std::move(request)); }});
        }
    }
    ~GitHubStandIn() { Stop(); }
    GitHubStandIn(const GitHubStandIn&) = delete;
    GitHubStandIn& operator=(const GitHubStandIn&) = delete;

    void Start() {
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        ASSERT_TRUE(port) << port.error().detail;
        port_ = *port;
    }

    void Stop() {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
            server_.reset();
        }
    }

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // What GET /user/repos lists for `token` (nothing for a token never given repositories).
    void SetRepositories(const std::string& token, std::vector<ListedRepo> repos) {
        std::lock_guard lock(mutex_);
        repositories_[token] = std::move(repos);
    }

    // Answers `method path` with `script` instead of Prism's answer (Prism still sees it).
    void SetScript(const std::string& method, const std::string& path, Script script) {
        std::lock_guard lock(mutex_);
        scripts_[method + " " + path] = std::move(script);
    }

    // Answers `method path` with a fixed status and JSON body.
    void SetAnswer(const std::string& method, const std::string& path, int status,
                   const std::string& body) {
        SetScript(method, path, [status, body](const std::string&) {
            return http::Response::Json(status, body);
        });
    }

    std::vector<GitHubExchange> Exchanges() const {
        std::lock_guard lock(mutex_);
        return exchanges_;
    }

    // The exchanges with one method and path.
    std::vector<GitHubExchange> ExchangesOf(const std::string& method,
                                            const std::string& path) const {
        std::vector<GitHubExchange> matching;
        for (GitHubExchange& exchange : Exchanges()) {
            if (exchange.method == method && exchange.path == path) {
                matching.push_back(std::move(exchange));
            }
        }
        return matching;
    }

    // Fails the test for every request that Prism found invalid or could not route.
    void ExpectEveryRequestValid() const {
        for (const GitHubExchange& exchange : Exchanges()) {
            EXPECT_EQ(exchange.violations, "") << exchange.method << " " << exchange.path
                                               << " does not match GitHub's API description";
        }
    }

private:
    // Prism lists what broke the description in the request and in its own example answer
    // (some of GitHub's examples miss required fields); only the request's entries count.
    static std::string RequestViolations(std::string_view header) {
        if (header.empty()) {
            return "";
        }
        boost::system::error_code ec;
        const json::value parsed = json::parse(header, ec);
        if (ec || !parsed.is_array()) {
            return std::string(header);
        }
        json::array ours;
        for (const json::value& entry : parsed.as_array()) {
            const json::value* location =
                entry.is_object() ? entry.as_object().if_contains("location") : nullptr;
            if (location == nullptr || !location->is_array() || location->as_array().empty() ||
                location->as_array()[0] != "response") {
                ours.push_back(entry);
            }
        }
        return ours.empty() ? "" : json::serialize(ours);
    }

    static std::string BearerToken(const http::Request& request) {
        const std::string value(request.Header("Authorization").value_or(""));
        const std::size_t space = value.find(' ');
        return space == std::string::npos ? value : value.substr(space + 1);
    }

    // Prism's example repository, once per listed repository, made into that repository.
    http::Response ListRepositories(const std::string& token, const std::string& prism_body) {
        std::vector<ListedRepo> repos;
        {
            std::lock_guard lock(mutex_);
            repos = repositories_[token];
        }
        boost::system::error_code ec;
        json::value example = json::parse(prism_body, ec);
        if (ec || !example.is_array() || example.as_array().empty()) {
            return http::Response::Json(500, R"({"message":"no example repository from Prism"})");
        }
        json::array listed;
        for (const ListedRepo& repo : repos) {
            json::object entry = example.as_array()[0].as_object();
            const std::size_t slash = repo.full_name.find('/');
            const std::string owner = repo.full_name.substr(0, slash);
            entry["id"] = repo.id;
            entry["name"] = repo.full_name.substr(slash + 1);
            entry["full_name"] = repo.full_name;
            entry["owner"].as_object()["login"] = owner;
            entry["private"] = repo.is_private;
            entry["html_url"] = "https://github.com/" + repo.full_name;
            entry["permissions"] =
                json::object{{"admin", repo.admin}, {"push", repo.admin}, {"pull", true}};
            listed.push_back(std::move(entry));
        }
        return http::Response::Json(200, json::serialize(listed));
    }

    http::Response Answer(const http::Request& request, const http::OutboundResponse& prism) {
        Script script;
        {
            std::lock_guard lock(mutex_);
            auto found = scripts_.find(request.method + " " + request.path);
            if (found != scripts_.end()) {
                script = found->second;
            }
        }
        if (script) {
            return script(prism.body);
        }
        if (request.method == "GET" && request.path == "/user/repos" && prism.status == 200) {
            return ListRepositories(BearerToken(request), prism.body);
        }
        http::Response response{prism.status, {}, prism.body, nullptr};
        if (auto type = prism.Header("content-type")) {
            response.SetHeader("Content-Type", std::string(*type));
        }
        return response;
    }

    net::awaitable<http::Response> Handle(http::Request request) {
        http::OutboundRequest forward;
        forward.method = request.method;
        forward.url = prism_url_ + request.target;
        for (const char* name :
             {"Authorization", "Accept", "Content-Type", "User-Agent", "X-GitHub-Api-Version"}) {
            if (auto value = request.Header(name)) {
                forward.headers.push_back({name, std::string(*value)});
            }
        }
        forward.body = request.body;
        forward.timeout = std::chrono::seconds(20);
        core::Result<http::OutboundResponse> prism = co_await http::Send(*client_, forward);
        GitHubExchange exchange;
        exchange.method = request.method;
        exchange.path = request.path;
        exchange.body = request.body;
        exchange.token = BearerToken(request);
        http::Response response;
        if (!prism) {
            exchange.violations = "Prism did not answer: " + prism.error().detail;
            response = http::Response::Json(502, R"({"message":"Prism did not answer"})");
        } else {
            exchange.prism_status = prism->status;
            exchange.violations = RequestViolations(prism->Header("sl-violations").value_or(""));
            const bool problem = prism->Header("content-type").value_or("").find("problem+json") !=
                                 std::string_view::npos;
            if (problem && (prism->body.find("NO_PATH_MATCHED") != std::string::npos ||
                            prism->body.find("NO_METHOD_MATCHED") != std::string::npos)) {
                exchange.violations += prism->body;  // not a route of GitHub's API at all
            }
            response = Answer(request, *prism);
        }
        exchange.status = response.status;
        {
            std::lock_guard lock(mutex_);
            exchanges_.push_back(exchange);
        }
        co_return response;
    }

    std::string prism_url_;
    std::unique_ptr<http::Client> client_;
    http::Router router_;
    core::Metrics metrics_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::map<std::string, std::vector<ListedRepo>> repositories_;
    std::map<std::string, Script> scripts_;
    std::vector<GitHubExchange> exchanges_;
};

}  // namespace nectr::api::repos_testing
