#pragma once

// Nectr's MCP routes served over loopback on a fresh database of either engine, with two users
// and their repositories seeded the way the rest of Nectr writes them. Requests carry
// `Authorization: Bearer user-<id>`, which the test authenticator turns into that caller;
// `Bearer cookie-<id>` stands for a browser session of that user (not a token).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/blocking_pool.hpp"
#include "core/metrics.hpp"
#include "http/server.hpp"
#include "mcp/http_transport.hpp"
#include "mcp/server.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace nectr::mcp::test {

namespace json = boost::json;

// 2024-03-10T12:00:00Z.
inline constexpr std::int64_t kNowMs = 1'710'072'000'000;
inline constexpr std::int64_t kDayMs = 86'400'000;

class FixedClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(kNowMs));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
};

inline auth::Authenticator TestAuthenticator() {
    return [](const http::Request& request) -> net::awaitable<core::Result<auth::Caller>> {
        const std::optional<std::string_view> header = request.Header("Authorization");
        for (const auto& [prefix, via] :
             {std::pair{std::string_view("Bearer user-"), auth::CallerVia::kApiToken},
              std::pair{std::string_view("Bearer cookie-"), auth::CallerVia::kSession}}) {
            if (header && header->starts_with(prefix)) {
                const std::string digits(header->substr(prefix.size()));
                if (!digits.empty() &&
                    digits.find_first_not_of("0123456789") == std::string::npos) {
                    co_return auth::Caller{std::stoll(digits), "user" + digits, via};
                }
            }
        }
        co_return core::MakeError(core::Errc::kUnauthorized, "invalid token");
    };
}

// A DiffReviewer that answers with what it was given.
class EchoReviewer final : public DiffReviewer {
public:
    net::awaitable<core::Result<DiffReview>> Review(std::string diff) override {
        if (diff.find("diff --git") == std::string::npos) {
            co_return core::MakeError(core::Errc::kInvalidInput, "diff is not a unified diff");
        }
        DiffReview review;
        review.summary = "reviewed " + std::to_string(diff.size()) + " bytes";
        review.verdict = "NEEDS_DISCUSSION";
        review.files = {"a.txt"};
        review.comments.push_back({"a.txt", 1, "high", "security", "A secret.", "analyzer:x", {}});
        co_return review;
    }
};

struct Response {
    long status = 0;
    std::map<std::string, std::string> headers;
    json::value body;  // null when the body is not JSON
    std::string text;
};

class McpStack {
public:
    static std::unique_ptr<McpStack> Start(store::Engine engine, McpContext* context = nullptr) {
        auto stack = std::unique_ptr<McpStack>(new McpStack());
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
        stack->server_ = std::make_unique<McpServer>(ServerDeps{.db = stack->db_.get(),
                                                                .pool = &stack->pool_,
                                                                .clock = &stack->clock_,
                                                                .context = context,
                                                                .reviewer = &stack->reviewer_,
                                                                .project_map = nullptr});
        McpHttpDeps deps;
        deps.server = stack->server_.get();
        deps.authenticate = TestAuthenticator();
        deps.allowed_origins = {"http://localhost:5173", "https://nectr.example.com"};
        deps.clock = &stack->clock_;
        deps.sse_keepalive = std::chrono::seconds(1);
        AddMcpRoutes(stack->router_, deps);
        http::ServerOptions options;
        options.port = 0;
        stack->http_ = std::make_unique<http::Server>(options, stack->router_, stack->metrics_);
        auto port = stack->http_->Start();
        if (!port) {
            ADD_FAILURE() << port.error().detail;
            return nullptr;
        }
        stack->port_ = *port;
        return stack;
    }

    ~McpStack() {
        if (http_) {
            http_->RequestStop();
            http_->Wait();
        }
        pool_.Join();
        http_.reset();
        server_.reset();
        db_.reset();
        test_database_.reset();
    }

    std::string Url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    McpServer& Server() { return *server_; }

    Response Send(const std::string& method, const std::string& path, const std::string& body,
                  std::vector<std::pair<std::string, std::string>> headers) {
        testing::HttpResult result = testing::HttpRequest(method, Url(path), body, headers);
        Response response{result.status, result.headers, nullptr, result.body};
        boost::system::error_code ec;
        json::value parsed = json::parse(result.body, ec);
        if (!ec) {
            response.body = std::move(parsed);
        }
        return response;
    }

    // POST /mcp with a JSON body as user `user_id`, in session `session` (none when empty).
    Response Post(std::int64_t user_id, const json::value& message, const std::string& session,
                  std::vector<std::pair<std::string, std::string>> extra = {}) {
        extra.emplace_back("Content-Type", "application/json");
        extra.emplace_back("Accept", "application/json, text/event-stream");
        if (user_id != 0) {
            extra.emplace_back("Authorization", "Bearer user-" + std::to_string(user_id));
        }
        if (!session.empty()) {
            extra.emplace_back("Mcp-Session-Id", session);
        }
        return Send("POST", "/mcp", json::serialize(message), std::move(extra));
    }

    // initialize, then notifications/initialized; the session id ("" on failure).
    std::string OpenSession(std::int64_t user_id, const std::string& version = "2025-11-25") {
        Response init = Post(user_id, Request(1, "initialize", InitializeParams(version)), "");
        EXPECT_EQ(init.status, 200) << init.text;
        const std::string session = init.headers["mcp-session-id"];
        EXPECT_FALSE(session.empty()) << "initialize must issue Mcp-Session-Id";
        Response note =
            Post(user_id, json::object{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}},
                 session);
        EXPECT_EQ(note.status, 202) << note.text;
        return session;
    }

    // tools/call in a session; the result object (a test failure and {} for an error).
    json::object CallTool(std::int64_t user_id, const std::string& session, const std::string& name,
                          json::object arguments) {
        Response response =
            Post(user_id,
                 Request(7, "tools/call", json::object{{"name", name}, {"arguments", arguments}}),
                 session);
        EXPECT_EQ(response.status, 200) << response.text;
        const json::value* result =
            response.body.is_object() ? response.body.as_object().if_contains("result") : nullptr;
        EXPECT_NE(result, nullptr) << response.text;
        return result != nullptr && result->is_object() ? result->as_object() : json::object();
    }

    static json::object Request(std::int64_t id, const std::string& method, json::value params) {
        json::object request{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
        if (!params.is_null()) {
            request["params"] = std::move(params);
        }
        return request;
    }

    static json::object InitializeParams(const std::string& version) {
        return json::object{{"protocolVersion", version},
                            {"capabilities", json::object()},
                            {"clientInfo", json::object{{"name", "test"}, {"version", "1"}}}};
    }

    // Seeding, as the rest of Nectr writes rows.
    std::int64_t Insert(const char* sql, std::vector<store::Value> params) {
        auto rows = store::Execute(*db_, store::Query{"test.seed", sql, sql}, params);
        EXPECT_TRUE(rows) << rows.error().detail << " in " << sql;
        if (!rows || rows->empty()) {
            return -1;
        }
        return store::AsInt(rows->rows.front().front()).value_or(-1);
    }
    std::int64_t AddUser(const std::string& login) {
        return Insert(
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, $2, $3, $3) RETURNING id",
            {next_github_id_++, login, kNowMs});
    }
    void Connect(std::int64_t user_id, const std::string& repo) {
        Insert(
            "INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES ($1, $2, 1, $3, $3) RETURNING id",
            {user_id, repo, kNowMs});
    }
    std::int64_t AddReview(const std::string& repo, std::int64_t number, const std::string& status,
                           const std::string& verdict, const std::string& author,
                           std::int64_t created_at) {
        return Insert(
            "INSERT INTO reviews (repo_full_name, pr_number, head_sha, status, verdict, summary, "
            "created_at, completed_at, pr_author, pr_title) VALUES ($1, $2, $3, $4, $5, "
            "'Summary of the change.', $6, $6, $7, $8) RETURNING id",
            {repo, number, "sha" + std::to_string(number), status,
             verdict.empty() ? store::Null() : store::Value(verdict), created_at, author,
             "Change " + std::to_string(number)});
    }
    void AddComment(std::int64_t review_id, const std::string& severity) {
        Insert(
            "INSERT INTO review_comments (review_id, path, line, side, severity, category, body, "
            "created_at) VALUES ($1, 'src/a.cpp', 3, 'RIGHT', $2, 'correctness', 'Check it.', "
            "$3) RETURNING id",
            {review_id, severity, kNowMs});
    }

    // Two users: alice (acme/api with three reviews) and bob (bobs/secret with one).
    void SeedTwoUsers() {
        alice = AddUser("alice");
        bob = AddUser("bob");
        Connect(alice, "acme/api");
        Connect(bob, "bobs/secret");
        const std::int64_t first =
            AddReview("acme/api", 12, "posted", "REQUEST_CHANGES", "carol", kNowMs - 3 * kDayMs);
        AddComment(first, "high");
        AddComment(first, "low");
        const std::int64_t second =
            AddReview("acme/api", 12, "posted", "APPROVE", "carol", kNowMs - 2 * kDayMs);
        AddComment(second, "info");
        AddReview("acme/api", 15, "posted", "APPROVE", "dave", kNowMs - kDayMs);
        AddReview("bobs/secret", 1, "posted", "APPROVE", "mallory", kNowMs - kDayMs);
    }

    std::int64_t alice = 0;
    std::int64_t bob = 0;

private:
    McpStack() = default;

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    core::BlockingPool pool_{2};
    FixedClock clock_;
    EchoReviewer reviewer_;
    std::unique_ptr<McpServer> server_;
    core::Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> http_;
    std::uint16_t port_ = 0;
    std::int64_t next_github_id_ = 1000;
};

// The structured content of a tool result ({} when absent).
inline json::object Structured(const json::object& result) {
    const json::value* content = result.if_contains("structuredContent");
    return content != nullptr && content->is_object() ? content->as_object() : json::object();
}

// The first text block of a tool result.
inline std::string FirstText(const json::object& result) {
    const json::value* content = result.if_contains("content");
    if (content == nullptr || !content->is_array() || content->as_array().empty()) {
        return {};
    }
    const json::value& first = content->as_array().front();
    const json::value* text = first.is_object() ? first.as_object().if_contains("text") : nullptr;
    return text != nullptr && text->is_string() ? std::string(text->as_string()) : std::string();
}

}  // namespace nectr::mcp::test
