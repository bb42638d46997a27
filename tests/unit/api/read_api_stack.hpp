#pragma once

// The read API served over loopback on a fresh database, with helpers that seed accounts,
// App grants, events and reviews the way the rest of Nectr writes them. Requests carry
// `Authorization: Bearer user-<id>`, which the test authenticator turns into that caller.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/read_routes.hpp"
#include "core/metrics.hpp"
#include "http/server.hpp"
#include "queue/job_store.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace nectr::api::test {

namespace json = boost::json;
namespace net = boost::asio;

// 2024-03-10T12:00:00Z: "now" for every read API test.
inline constexpr std::int64_t kNowMs = 1'710'072'000'000;

class FixedClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(kNowMs));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
};

// `Bearer user-<id>` is user <id>; anything else is no caller.
inline auth::Authenticator BearerUserAuthenticator() {
    return [](const http::Request& request) -> net::awaitable<core::Result<auth::Caller>> {
        constexpr std::string_view kPrefix = "Bearer user-";
        const std::optional<std::string_view> header = request.Header("Authorization");
        if (header && header->starts_with(kPrefix)) {
            const std::string digits(header->substr(kPrefix.size()));
            if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) {
                co_return auth::Caller{std::stoll(digits), "user" + digits,
                                       auth::CallerVia::kApiToken};
            }
        }
        co_return core::MakeError(core::Errc::kUnauthorized, "sign in to use the API");
    };
}

struct ReviewSeed {
    std::string repo;
    std::int64_t pr_number = 1;
    std::string status = "posted";
    std::optional<std::string> verdict = "APPROVE";
    std::optional<std::string> author;
    std::optional<std::string> title;
    std::int64_t created_at = kNowMs - 3'600'000;
    std::optional<std::int64_t> completed_at;
    std::optional<std::int64_t> event_id;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;
    std::string summary = "Looks fine.";
};

class ReadApiStack {
public:
    // Opens a migrated database of `engine` and serves AddReadApiRoutes on 127.0.0.1:0.
    // Test failures (and nullptr) when something cannot start.
    static std::unique_ptr<ReadApiStack> Start(store::Engine engine,
                                               std::string operator_token = "") {
        auto stack = std::unique_ptr<ReadApiStack>(new ReadApiStack());
        auto created = testing::TestDatabase::Create(engine);
        if (!created) {
            ADD_FAILURE() << created.error().detail;
            return nullptr;
        }
        stack->test_database_ = std::move(*created);
        auto opened = stack->test_database_->OpenMigrated();
        if (!opened) {
            ADD_FAILURE() << opened.error().detail;
            return nullptr;
        }
        stack->db_ = std::move(*opened);
        ReadApiDeps deps;
        deps.db = stack->db_.get();
        deps.pool = &stack->pool_;
        deps.clock = &stack->clock_;
        deps.authenticate = BearerUserAuthenticator();
        deps.operator_token = std::move(operator_token);
        deps.github_web_url = "https://github.example.com/";
        stack->jobs_ = std::make_unique<queue::JobQueue>(*stack->db_, stack->clock_);
        deps.jobs = stack->jobs_.get();
        deps.job_queued = [raw = stack.get()] { ++raw->wakeups_; };
        AddReadApiRoutes(stack->router_, deps);
        http::ServerOptions options;
        options.port = 0;
        stack->server_ = std::make_unique<http::Server>(options, stack->router_, stack->metrics_);
        auto port = stack->server_->Start();
        if (!port) {
            ADD_FAILURE() << port.error().detail;
            return nullptr;
        }
        stack->port_ = *port;
        return stack;
    }

    ~ReadApiStack() {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
        }
        server_.reset();
        jobs_.reset();
        db_.reset();
        test_database_.reset();
    }

    store::Database& Db() { return *db_; }
    queue::JobQueue& Jobs() { return *jobs_; }
    // How often the routes woke the workers (after a retry).
    int Wakeups() const { return wakeups_.load(); }

    // POST path with no body as user `user_id`; 0 sends no Authorization header.
    testing::HttpResult Post(const std::string& path, std::int64_t user_id) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (user_id != 0) {
            headers.emplace_back("Authorization", "Bearer user-" + std::to_string(user_id));
        }
        return testing::HttpRequest("POST", "http://127.0.0.1:" + std::to_string(port_) + path, "",
                                    headers);
    }

    // GET path (with its query) as user `user_id`; 0 sends no Authorization header.
    testing::HttpResult Get(const std::string& path, std::int64_t user_id) {
        return GetWithHeader(path, user_id == 0 ? "" : "Bearer user-" + std::to_string(user_id));
    }

    testing::HttpResult GetWithHeader(const std::string& path, const std::string& authorization) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!authorization.empty()) {
            headers.emplace_back("Authorization", authorization);
        }
        return testing::HttpRequest("GET", "http://127.0.0.1:" + std::to_string(port_) + path, "",
                                    headers);
    }

    // GET expecting 200 and a JSON object; a test failure and {} otherwise.
    json::object GetJson(const std::string& path, std::int64_t user_id) {
        testing::HttpResult result = Get(path, user_id);
        EXPECT_EQ(result.status, 200) << path << ": " << result.body;
        boost::system::error_code ec;
        json::value parsed = json::parse(result.body, ec);
        return !ec && parsed.is_object() ? parsed.as_object() : json::object();
    }

    std::int64_t Insert(const char* sql, std::span<const store::Value> params) {
        auto rows = store::Execute(*db_, store::Query{"test.seed", sql, sql}, params);
        EXPECT_TRUE(rows) << rows.error().detail << " in " << sql;
        if (!rows || rows->empty()) {
            return -1;
        }
        return store::AsInt(rows->rows.front().front()).value_or(-1);
    }

    std::int64_t AddUser(const std::string& login) {
        const store::Value params[] = {next_github_id_++, login, kNowMs};
        return Insert(
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, $2, $3, $3) RETURNING id",
            params);
    }

    // A repository the user connected (installations row).
    void Connect(std::int64_t user_id, const std::string& repo, bool active = true) {
        const store::Value params[] = {user_id, repo, std::int64_t{active ? 1 : 0}, kNowMs};
        Insert(
            "INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
            params);
    }

    // An App installation covering `repos` (the removed ones with removed_at set), granted to
    // `user_id`.
    void GrantApp(std::int64_t user_id, std::int64_t installation_id, const std::string& status,
                  const std::vector<std::string>& repos,
                  const std::vector<std::string>& removed = {}) {
        const store::Value app[] = {installation_id, status, kNowMs};
        Insert(
            "INSERT INTO app_installations (installation_id, account_login, status, "
            "last_event_id, created_at, updated_at) VALUES ($1, 'acct', $2, 1, $3, $3) "
            "RETURNING installation_id",
            app);
        for (std::size_t i = 0; i < repos.size() + removed.size(); ++i) {
            const bool gone = i >= repos.size();
            const std::string& name = gone ? removed[i - repos.size()] : repos[i];
            const store::Value repo[] = {installation_id, next_repository_id_++, name, kNowMs,
                                         gone ? store::Value(kNowMs) : store::Null()};
            Insert(
                "INSERT INTO app_installation_repositories (installation_id, repository_id, "
                "repository_full_name, added_at, removed_at, last_event_id, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, 1, $4) RETURNING repository_id",
                repo);
        }
        const store::Value grant[] = {user_id, installation_id, kNowMs};
        Insert(
            "INSERT INTO user_app_installations (user_id, installation_id, granted_at) "
            "VALUES ($1, $2, $3) RETURNING user_id",
            grant);
    }

    std::int64_t AddEvent(const std::string& repo, std::int64_t received_at,
                          const std::string& status = "completed") {
        // An empty repo stands for an event of no repository (an App installation's).
        const store::Value params[] = {"delivery-" + std::to_string(next_delivery_++),
                                       repo.empty() ? store::Null() : store::Value(repo), status,
                                       received_at};
        return Insert(
            "INSERT INTO events (event_type, action, delivery_id, repo_full_name, payload, "
            "status, created_at) VALUES ('pull_request', 'opened', $1, $2, NULL, $3, $4) "
            "RETURNING id",
            params);
    }

    std::int64_t AddReview(const ReviewSeed& seed) {
        const auto text = [](const std::optional<std::string>& value) {
            return value ? store::Value(*value) : store::Null();
        };
        const store::Value params[] = {
            seed.repo,
            seed.pr_number,
            "sha-" + std::to_string(next_sha_++),
            seed.event_id ? store::Value(*seed.event_id) : store::Null(),
            seed.status,
            text(seed.verdict),
            seed.summary,
            seed.input_tokens,
            seed.output_tokens,
            seed.cost_usd,
            seed.created_at,
            seed.completed_at ? store::Value(*seed.completed_at) : store::Null(),
            text(seed.author),
            text(seed.title)};
        return Insert(
            "INSERT INTO reviews (repo_full_name, pr_number, head_sha, event_id, status, "
            "verdict, summary, model, input_tokens, output_tokens, cost_usd, duration_ms, "
            "created_at, completed_at, pr_author, pr_title, body, provider, parts, details) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, 'model-x', $8, $9, $10, 1500, $11, $12, $13, "
            "$14, 'The review body.', 'anthropic', 1, '{\"notes\":[\"one note\"]}') "
            "RETURNING id",
            params);
    }

    std::int64_t AddComment(std::int64_t review_id, const std::string& severity,
                            bool posted_inline = true, const std::string& path = "src/a.cpp") {
        const store::Value params[] = {review_id, path, severity,
                                       std::int64_t{posted_inline ? 1 : 0}, kNowMs};
        return Insert(
            "INSERT INTO review_comments (review_id, path, line, start_line, side, severity, "
            "category, body, suggestion, posted_inline, source, created_at) VALUES ($1, $2, 12, "
            "10, 'RIGHT', $3, 'bug', 'Check the bound.', 'if (i < n)', $4, 'model', $5) "
            "RETURNING id",
            params);
    }

    std::int64_t AddLlmCall(std::int64_t review_id, std::int64_t input_tokens) {
        const store::Value params[] = {review_id, input_tokens, kNowMs};
        return Insert(
            "INSERT INTO llm_calls (review_id, provider, model, input_tokens, output_tokens, "
            "cost_usd, latency_ms, stop_reason, created_at) VALUES ($1, 'anthropic', "
            "'model-x', $2, 40, 0.5, 900, 'end_turn', $3) RETURNING id",
            params);
    }

private:
    ReadApiStack() = default;

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<queue::JobQueue> jobs_;
    std::atomic<int> wakeups_{0};
    core::BlockingPool pool_{2};
    FixedClock clock_;
    core::Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::int64_t next_github_id_ = 1000;
    std::int64_t next_repository_id_ = 5000;
    int next_delivery_ = 0;
    int next_sha_ = 0;
};

// Ids in the JSON list under `key`.
inline std::vector<std::int64_t> IdsOf(const json::object& page, std::string_view key) {
    std::vector<std::int64_t> ids;
    if (const json::value* list = page.if_contains(key); list != nullptr && list->is_array()) {
        for (const json::value& item : list->as_array()) {
            ids.push_back(item.at("id").as_int64());
        }
    }
    return ids;
}

}  // namespace nectr::api::test
