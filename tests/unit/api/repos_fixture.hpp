#pragma once

// The repository endpoints over loopback: Nectr's HTTP server with AddRepoApiRoutes, a fresh
// database of each engine, three users (alice and bob with GitHub tokens, carol without), and
// real GitHub clients talking to the Prism-backed stand-in (github_stand_in.hpp). The caller
// comes from an X-Test-User header; secrets are "sealed" by a visible prefix, so that a test
// can tell a sealed secret from a raw one and open it again.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/repo_routes.hpp"
#include "core/metrics.hpp"
#include "github/auth.hpp"
#include "github/client.hpp"
#include "github_stand_in.hpp"
#include "http/server.hpp"
#include "store/value.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace nectr::api::repos_testing {

inline constexpr const char* kPrismUrlVariable = "NECTR_TEST_GITHUB_API_URL";
inline constexpr const char* kWebhookUrl = "https://nectr.example.com/api/v1/webhooks/github";
inline constexpr const char* kSealPrefix = "sealed:";
inline constexpr std::int64_t kNowMs = 1'700'000'000'000;  // 2023-11-14T22:13:20.000Z
inline constexpr const char* kNow = "2023-11-14T22:13:20.000Z";
// The id of the hook in Prism's example answers to creating and listing hooks.
inline constexpr std::int64_t kPrismHookId = 12345678;

// GitHub's path of a repository's hooks.
inline std::string HooksPath(const std::string& repo) { return "/repos/" + repo + "/hooks"; }

inline constexpr const char* kWidgets = "acme/widgets";  // alice and bob: admin
inline constexpr std::int64_t kWidgetsId = 4242;
inline constexpr const char* kGadgets = "acme/gadgets";  // alice: no admin
inline constexpr const char* kTools = "bob/tools";       // bob only: admin

// Wall time that stands still unless a test moves it.
class FixedClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
    void Advance(std::int64_t ms) { now_ms_ += ms; }

private:
    std::atomic<std::int64_t> now_ms_{kNowMs};
};

struct TestUser {
    std::int64_t id = 0;
    std::string login;
    std::string token;  // empty: no usable GitHub token
};

// One row of installations as the tests read it, apart from the code under test.
struct StoredInstallation {
    std::int64_t id = 0;
    std::optional<std::int64_t> github_repo_id;
    std::optional<std::int64_t> webhook_id;
    std::optional<std::string> webhook_secret;
    bool active = false;
    std::optional<std::int64_t> max_concurrent_reviews;
    std::int64_t installed_at = 0;
};

template <typename T>
net::awaitable<T> Ready(T value) {
    co_return value;
}

class RepoApiTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        const char* prism = std::getenv(kPrismUrlVariable);
        if (prism == nullptr || *prism == '\0') {
            GTEST_FAIL() << kPrismUrlVariable << " is not set: run scripts/test.sh (it starts "
                         << "Prism), or start Prism with scripts/prism.sh and export its URL";
        }
        auto created = nectr::testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database = std::move(*created);
        auto opened = test_database->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db = std::move(*opened);
        alice = AddUser("alice", "gho_alice_test_token");
        bob = AddUser("bob", "gho_bob_test_token");
        carol = AddUser("carol", "");
        stand_in = std::make_unique<GitHubStandIn>(prism);
        stand_in->Start();
        stand_in->SetRepositories(
            alice.token, {{kWidgets, kWidgetsId, true, false}, {kGadgets, 4343, false, true}});
        stand_in->SetRepositories(bob.token,
                                  {{kWidgets, kWidgetsId, true, false}, {kTools, 5151, true}});
        StartServer();
    }

    void TearDown() override {
        if (server) {
            server->RequestStop();
            server->Wait();
            server.reset();
        }
        pool.Join();
        stand_in.reset();
        db.reset();
        test_database.reset();
    }

    TestUser AddUser(const std::string& login, const std::string& token) {
        static constexpr const char* kSql =
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, $2, $3, $3) RETURNING id";
        const std::int64_t github_id = 1000 + static_cast<std::int64_t>(users.size());
        store::Rows rows = Select(kSql, {github_id, login, kNowMs});
        TestUser user{rows.empty() ? 0 : store::AsInt(rows.rows[0][0]).value_or(0), login, token};
        users.push_back(user);
        return user;
    }

    RepoApiDeps MakeDeps() {
        RepoApiDeps deps;
        deps.db = db.get();
        deps.pool = &pool;
        deps.clock = &clock;
        deps.authenticate = [this](const http::Request& request) {
            return Ready(Authenticate(request));
        };
        deps.github_for = [this](const auth::Caller& caller) {
            return Ready(ClientFor(caller.user_id));
        };
        deps.seal_secret = [](std::string_view secret) {
            return std::string(kSealPrefix) + std::string(secret);
        };
        deps.open_secret = [](std::string_view sealed) -> core::Result<std::string> {
            if (!sealed.starts_with(kSealPrefix)) {
                return core::MakeError(core::Errc::kInvalidInput, "not sealed by this key");
            }
            return std::string(sealed.substr(std::string_view(kSealPrefix).size()));
        };
        deps.webhook_url = kWebhookUrl;
        deps.notify_workers = [this] { ++notified; };
        deps.remove_local_copy = [this](const std::string& repo) -> core::Result<void> {
            std::lock_guard lock(removed_mutex);
            removed_copies.push_back(repo);
            return {};
        };
        return deps;
    }

    void StartServer() {
        AddRepoApiRoutes(router, MakeDeps());
        http::ServerOptions options;
        options.port = 0;
        server = std::make_unique<http::Server>(options, router, metrics);
        auto started = server->Start();
        ASSERT_TRUE(started) << started.error().detail;
        port = *started;
    }

    core::Result<auth::Caller> Authenticate(const http::Request& request) const {
        const std::string login(request.Header("X-Test-User").value_or(""));
        for (const TestUser& user : users) {
            if (!login.empty() && user.login == login) {
                return auth::Caller{user.id, user.login, auth::CallerVia::kSession};
            }
        }
        return core::MakeError(core::Errc::kUnauthorized, "sign in first");
    }

    core::Result<std::shared_ptr<github::GitHubClient>> ClientFor(std::int64_t user_id) {
        for (const TestUser& user : users) {
            if (user.id == user_id && !user.token.empty()) {
                github::ClientOptions options;
                options.api_url = stand_in->Url();
                options.max_attempts = 1;  // a failure must show, not be retried away
                return std::make_shared<github::GitHubClient>(
                    *github_http,
                    github::MakeTokenCredentials(github::TokenKind::kOAuthUser, user.token),
                    options, system_clock);
            }
        }
        return core::MakeError(core::Errc::kUnauthorized,
                               "no GitHub token is stored for you; sign in with GitHub again");
    }

    nectr::testing::HttpResult Send(const std::string& method, const std::string& path,
                                    const TestUser* user, const std::string& body = "") {
        std::vector<std::pair<std::string, std::string>> headers;
        if (user != nullptr) {
            headers.emplace_back("X-Test-User", user->login);
        }
        if (!body.empty()) {
            headers.emplace_back("Content-Type", "application/json");
        }
        return nectr::testing::HttpRequest(
            method, "http://127.0.0.1:" + std::to_string(port) + path, body, headers);
    }

    nectr::testing::HttpResult Install(const TestUser& user, const std::string& repo) {
        return Send("POST", "/api/v1/repos/" + repo + "/install", &user);
    }

    nectr::testing::HttpResult Uninstall(const TestUser& user, const std::string& repo,
                                         const std::string& query = "") {
        return Send("DELETE", "/api/v1/repos/" + repo + "/install" + query, &user);
    }

    static json::object JsonOf(const nectr::testing::HttpResult& result) {
        boost::system::error_code ec;
        json::value parsed = json::parse(result.body, ec);
        EXPECT_FALSE(ec) << "not JSON: " << result.body;
        return !ec && parsed.is_object() ? parsed.as_object() : json::object();
    }

    static std::string ErrorMessage(const nectr::testing::HttpResult& result) {
        json::object body = JsonOf(result);
        const json::value* error = body.if_contains("error");
        if (error == nullptr || !error->is_object() || !error->as_object().contains("message")) {
            return "";
        }
        return json::value_to<std::string>(error->as_object().at("message"));
    }

    store::Rows Select(const std::string& sql, std::vector<store::Value> params = {}) {
        auto rows = store::Execute(*db, store::Query{"test.sql", sql, sql}, params);
        EXPECT_TRUE(rows) << sql << ": " << rows.error().detail;
        return rows ? std::move(*rows) : store::Rows{};
    }

    std::int64_t Count(const std::string& sql, std::vector<store::Value> params = {}) {
        store::Rows rows = Select(sql, std::move(params));
        return rows.empty() ? -1 : store::AsInt(rows.rows[0][0]).value_or(-1);
    }

    std::optional<StoredInstallation> InstallationOf(const TestUser& user,
                                                     const std::string& repo) {
        store::Rows rows = Select(
            "SELECT id, github_repo_id, webhook_id, webhook_secret, is_active, "
            "max_concurrent_reviews, installed_at FROM installations "
            "WHERE user_id = $1 AND repo_full_name = $2",
            {user.id, repo});
        if (rows.empty()) {
            return std::nullopt;
        }
        const auto& row = rows.rows[0];
        return StoredInstallation{store::AsInt(row[0]).value_or(0),
                                  store::AsInt(row[1]),
                                  store::AsInt(row[2]),
                                  store::AsText(row[3]),
                                  store::AsInt(row[4]).value_or(0) == 1,
                                  store::AsInt(row[5]),
                                  store::AsInt(row[6]).value_or(0)};
    }

    // An installation written straight into the store (a connection made before this test).
    void InsertInstallation(const TestUser& user, const std::string& repo, bool active) {
        Select(
            "INSERT INTO installations (user_id, repo_full_name, github_repo_id, webhook_id, "
            "webhook_secret, is_active, installed_at, updated_at) "
            "VALUES ($1, $2, 99, 555, 'sealed:old', $3, $4, $4)",
            {user.id, repo, std::int64_t{active ? 1 : 0}, kNowMs});
    }

    std::int64_t ScanJobs(const std::string& repo) {
        return Count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'scan_repository' AND repo_full_name = $1",
            {repo});
    }

    std::unique_ptr<nectr::testing::TestDatabase> test_database;
    std::unique_ptr<store::Database> db;
    FixedClock clock;
    core::SystemClock system_clock;
    core::BlockingPool pool{2};
    std::unique_ptr<http::Client> github_http = http::MakeCurlClient({});
    std::unique_ptr<GitHubStandIn> stand_in;
    std::mutex removed_mutex;
    std::vector<std::string> removed_copies;  // repositories whose local copy was removed
    std::vector<TestUser> users;
    TestUser alice;
    TestUser bob;
    TestUser carol;
    std::atomic<int> notified{0};
    core::Metrics metrics;
    http::Router router;
    std::unique_ptr<http::Server> server;
    std::uint16_t port = 0;
};

}  // namespace nectr::api::repos_testing
