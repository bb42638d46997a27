#pragma once

// A stand-in for api.github.com on loopback: the project's own HTTP server with routes that
// answer with GitHub's documented status codes, headers and JSON shapes, scripted per test,
// and a GitHubClient pointed at it with a fake clock and a sleeper that only records.
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "github/client.hpp"
#include "github/etag_cache.hpp"
#include "github/json_fields.hpp"
#include "github_test_support.hpp"
#include "unit/http/server_fixture.hpp"

namespace nectr::github::testing {

struct Observed {
    std::string method;
    std::string url;
    int status = 0;
};

class FakeGitHubTest : public http::ServerFixture {
protected:
    // Adds a route whose handler also records the request it got. Add every route before
    // StartServer(): the router is read concurrently once the server runs.
    void On(std::string method, std::string pattern,
            std::function<http::Response(const http::Request&)> answer) {
        router.Add({std::move(method), std::move(pattern),
                    [this, answer](http::Request request) -> net::awaitable<http::Response> {
                        {
                            std::lock_guard lock(mutex);
                            seen.push_back(request);
                        }
                        co_return answer(request);
                    }});
    }

    ClientOptions Options() {
        ClientOptions options;
        options.api_url = Url("");
        options.sleeper = sleeper.AsSleeper();
        options.jitter_seed = 7;
        options.etag_cache = cache;
        options.observer = [this](const ObservedResponse& response) {
            std::lock_guard lock(mutex);
            observed.push_back(
                {std::string(response.method), std::string(response.url), response.status});
        };
        return options;
    }

    std::unique_ptr<GitHubClient> MakeClient(ClientOptions options,
                                             std::shared_ptr<Credentials> credentials = nullptr) {
        if (!credentials) {
            credentials = MakeTokenCredentials(TokenKind::kPersonalAccessToken, "t0k3n");
        }
        return std::make_unique<GitHubClient>(*http_client, std::move(credentials),
                                              std::move(options), clock);
    }

    std::vector<http::Request> Seen() {
        std::lock_guard lock(mutex);
        return seen;
    }
    std::vector<Observed> ObservedResponses() {
        std::lock_guard lock(mutex);
        return observed;
    }

    static http::Response Json(int status, std::string body,
                               std::vector<http::Header> headers = {}) {
        http::Response response = http::Response::Json(status, std::move(body));
        for (auto& header : headers) {
            response.SetHeader(std::move(header.name), std::move(header.value));
        }
        return response;
    }

    FakeClock clock;
    RecordingSleeper sleeper{clock};
    std::shared_ptr<EtagCache> cache = std::make_shared<EtagCache>();
    std::unique_ptr<http::Client> http_client = http::MakeCurlClient({});
    std::mutex mutex;
    std::vector<http::Request> seen;
    std::vector<Observed> observed;
    const RepoName repo{"o", "r"};
};

inline constexpr const char* kPullJson =
    R"({"id": 1, "number": 7, "state": "open", "title": "Add a thing", "body": "Why",
        "user": {"login": "octocat", "id": 1},
        "head": {"ref": "topic", "sha": "headsha"}, "base": {"ref": "main", "sha": "basesha"}})";

}  // namespace nectr::github::testing
