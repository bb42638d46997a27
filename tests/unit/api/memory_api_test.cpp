// The memory endpoints over loopback on both engines: create, deduplicate, list, search,
// update, delete and the project map, each bounded by the caller's repositories, with the
// validation a client meets.
#include <gtest/gtest.h>

#include "api/memory_routes.hpp"
#include "read_api_stack.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;

// The memory routes served on a fresh migrated database, as ReadApiStack serves the read API.
class MemoryApiStack {
public:
    explicit MemoryApiStack(Engine engine) {
        auto created = testing::TestDatabase::Create(engine);
        if (!created) {
            ADD_FAILURE() << created.error().detail;
            return;
        }
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        if (!opened) {
            ADD_FAILURE() << opened.error().detail;
            return;
        }
        db_ = std::move(*opened);
        AddMemoryRoutes(router_,
                        MemoryApiDeps{db_.get(), &pool_, &clock_, BearerUserAuthenticator()});
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        if (!port) {
            ADD_FAILURE() << port.error().detail;
            return;
        }
        port_ = *port;
    }

    ~MemoryApiStack() {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
        }
        server_.reset();
        db_.reset();
        test_database_.reset();
    }

    bool Started() const { return port_ != 0; }
    store::Database& Db() { return *db_; }

    testing::HttpResult Send(const std::string& method, const std::string& path,
                             std::int64_t user_id, const std::string& body = "") {
        std::vector<std::pair<std::string, std::string>> headers;
        if (user_id != 0) {
            headers.emplace_back("Authorization", "Bearer user-" + std::to_string(user_id));
        }
        if (!body.empty()) {
            headers.emplace_back("Content-Type", "application/json");
        }
        return testing::HttpRequest(method, "http://127.0.0.1:" + std::to_string(port_) + path,
                                    body, headers);
    }

    std::int64_t Insert(const char* sql, std::span<const store::Value> params) {
        auto rows = store::Execute(*db_, store::Query{"test.seed", sql, sql}, params);
        EXPECT_TRUE(rows) << rows.error().detail << " in " << sql;
        return rows && !rows->empty() ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }

    std::int64_t AddUser(const std::string& login) {
        const store::Value params[] = {next_github_id_++, login, kNowMs};
        return Insert(
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, $2, $3, $3) RETURNING id",
            params);
    }

    void Connect(std::int64_t user_id, const std::string& repo) {
        const store::Value params[] = {user_id, repo, kNowMs};
        Insert(
            "INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES ($1, $2, 1, $3, $3) RETURNING id",
            params);
    }

    // An indexed file of `repo` (migration 0008), creating the repository row on first use.
    void AddFile(const std::string& repo, const std::string& path, const std::string& language,
                 std::int64_t lines, std::int64_t updated_at) {
        const store::Value repository[] = {repo, kNowMs};
        Insert(
            "INSERT INTO repositories (full_name, created_at, updated_at) VALUES ($1, $2, $2) "
            "ON CONFLICT (full_name) DO UPDATE SET updated_at = excluded.updated_at RETURNING id",
            repository);
        const store::Value file[] = {repo, path, language, lines, updated_at};
        Insert(
            "INSERT INTO files (repository_id, path, language, line_count, updated_at) "
            "SELECT id, $2, $3, $4, $5 FROM repositories WHERE full_name = $1 RETURNING id",
            file);
    }

private:
    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    core::BlockingPool pool_{2};
    FixedClock clock_;
    core::Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::int64_t next_github_id_ = 2000;
};

json::object Parsed(const testing::HttpResult& result) {
    boost::system::error_code ec;
    json::value value = json::parse(result.body, ec);
    EXPECT_FALSE(ec) << result.body;
    return !ec && value.is_object() ? value.as_object() : json::object();
}

class MemoryApiTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        stack = std::make_unique<MemoryApiStack>(GetParam());
        ASSERT_TRUE(stack->Started());
        alice = stack->AddUser("alice");
        bob = stack->AddUser("bob");
        stack->Connect(alice, "acme/widgets");
        stack->Connect(bob, "bob/secret");
    }

    // POSTs a memory; returns its id (a test failure unless the answer is `status`).
    std::int64_t Post(std::int64_t user, const std::string& body, long status = 201) {
        auto result = stack->Send("POST", "/api/v1/memory", user, body);
        EXPECT_EQ(result.status, status) << body << " -> " << result.body;
        const json::object answer = Parsed(result);
        const json::value* id = answer.if_contains("id");
        return id != nullptr && id->is_int64() ? id->as_int64() : -1;
    }

    std::vector<std::string> Contents(const json::object& page) {
        std::vector<std::string> contents;
        if (const json::value* list = page.if_contains("memories"); list && list->is_array()) {
            for (const json::value& item : list->as_array()) {
                contents.emplace_back(item.at("content").as_string());
            }
        }
        return contents;
    }

    json::object GetJson(const std::string& path, std::int64_t user) {
        auto result = stack->Send("GET", path, user);
        EXPECT_EQ(result.status, 200) << path << ": " << result.body;
        return Parsed(result);
    }

    std::unique_ptr<MemoryApiStack> stack;
    std::int64_t alice = 0;
    std::int64_t bob = 0;
};

TEST_P(MemoryApiTest, CreatesDeduplicatesListsUpdatesAndDeletes) {
    auto created = stack->Send(
        "POST", "/api/v1/memory", alice,
        R"({"repo":"acme/widgets","type":"project_rule","content":"Never log request bodies."})");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.headers["cache-control"], "no-store");
    const json::object memory = Parsed(created);
    const std::int64_t id = memory.at("id").as_int64();
    EXPECT_EQ(memory.at("repository"), "acme/widgets");
    EXPECT_EQ(memory.at("scope"), "repository");
    EXPECT_EQ(memory.at("developer"), nullptr);
    EXPECT_EQ(memory.at("type"), "project_rule");
    EXPECT_EQ(memory.at("source"), "manual");
    EXPECT_EQ(memory.at("confidence").as_double(), 0.8);
    EXPECT_EQ(memory.at("created_by_user_id"), alice);
    EXPECT_EQ(memory.at("created_at"), "2024-03-10T12:00:00.000Z");
    EXPECT_EQ(memory.at("deduplicated"), false);

    auto again = stack->Send(
        "POST", "/api/v1/memory", alice,
        R"({"repo":"acme/widgets","type":"project_rule","content":"never LOG request bodies!"})");
    ASSERT_EQ(again.status, 200) << again.body;
    const json::object merged = Parsed(again);
    EXPECT_EQ(merged.at("deduplicated"), true);
    EXPECT_EQ(merged.at("id"), id);
    EXPECT_EQ(merged.at("confidence").as_double(), 0.9);

    const std::int64_t habit =
        Post(alice,
             R"({"repo":"acme/widgets","type":"developer_habit","content":"Forgets error paths.",)"
             R"("developer":"carol","confidence":0.3})");
    const json::object one = GetJson("/api/v1/memory/" + std::to_string(habit), alice);
    EXPECT_EQ(one.at("scope"), "developer") << "a developer without a scope is a developer memory";
    EXPECT_EQ(one.at("developer"), "carol");

    json::object page = GetJson("/api/v1/memory?repo=acme/widgets&limit=1", alice);
    EXPECT_EQ(Contents(page), std::vector<std::string>{"Forgets error paths."});
    ASSERT_TRUE(page.at("next_cursor").is_string());
    page = GetJson("/api/v1/memory?repo=acme/widgets&limit=1&cursor=" +
                       std::string(page.at("next_cursor").as_string()),
                   alice);
    EXPECT_EQ(Contents(page), std::vector<std::string>{"never LOG request bodies!"});
    EXPECT_EQ(page.at("next_cursor"), nullptr);
    page = GetJson("/api/v1/memory?repo=acme/widgets&type=project_rule", alice);
    EXPECT_EQ(Contents(page).size(), 1u);

    auto updated = stack->Send("PUT", "/api/v1/memory/" + std::to_string(id), alice,
                               R"({"content":"Never log request or response bodies.",)"
                               R"("confidence":0.95})");
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(Parsed(updated).at("content"), "Never log request or response bodies.");
    EXPECT_EQ(Parsed(updated).at("confidence").as_double(), 0.95);

    auto deleted = stack->Send("DELETE", "/api/v1/memory/" + std::to_string(id), alice);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_TRUE(deleted.body.empty());
    EXPECT_EQ(stack->Send("GET", "/api/v1/memory/" + std::to_string(id), alice).status, 404);
}

TEST_P(MemoryApiTest, SearchesWithQRankedAndFiltered) {
    Post(alice, R"({"repo":"acme/widgets","type":"convention",)"
                R"("content":"Hold the cache mutex while rebuilding the index."})");
    Post(alice, R"({"repo":"acme/widgets","type":"convention",)"
                R"("content":"The cache lives in memory only.","confidence":0.5})");
    Post(alice, R"({"repo":"acme/widgets","type":"project_rule",)"
                R"("content":"Releases are tagged on main."})");
    const json::object found =
        GetJson("/api/v1/memory?repo=acme/widgets&q=cache+mutex+rebuild", alice);
    EXPECT_EQ(Contents(found),
              (std::vector<std::string>{"Hold the cache mutex while rebuilding the index.",
                                        "The cache lives in memory only."}));
    const auto& first = found.at("memories").as_array().at(0).as_object();
    const auto& second = found.at("memories").as_array().at(1).as_object();
    EXPECT_GT(first.at("score").as_double(), second.at("score").as_double());
    EXPECT_EQ(found.at("next_cursor"), nullptr);
    EXPECT_TRUE(
        Contents(GetJson("/api/v1/memory?repo=acme/widgets&q=cache&type=project_rule", alice))
            .empty());
}

TEST_P(MemoryApiTest, RefusesBadInputWithMessagesThatSayWhatIsWrong) {
    const std::vector<std::pair<std::string, std::string>> posts = {
        {R"({"type":"convention","content":"x"})", "repo"},
        {R"({"repo":"not a repo","type":"convention","content":"x"})", "repo"},
        {R"({"repo":"acme/widgets","type":"rumour","content":"x"})", "type must be"},
        {R"({"repo":"acme/widgets","type":"convention","content":"   "})", "content"},
        {R"({"repo":"acme/widgets","type":"convention","content":42})", "content"},
        {R"({"repo":"acme/widgets","type":"convention","content":"x","colour":"red"})",
         R"(\"colour\" is not a field here)"},
        {R"({"repo":"acme/widgets","type":"convention","content":"x","scope":"developer"})",
         "needs developer"},
        {R"({"repo":"acme/widgets","type":"convention","content":"x","scope":"repository",)"
         R"("developer":"carol"})",
         "developer applies"},
        {R"({"repo":"acme/widgets","type":"convention","content":"x","developer":"no spaces"})",
         "GitHub login"},
        {R"({"repo":"acme/widgets","type":"convention","content":"x","confidence":2})",
         "confidence"},
        {"not json", "JSON object"},
    };
    for (const auto& [body, message] : posts) {
        auto result = stack->Send("POST", "/api/v1/memory", alice, body);
        EXPECT_EQ(result.status, 400) << body;
        EXPECT_NE(result.body.find(message), std::string::npos) << body << " -> " << result.body;
    }
    const std::int64_t id =
        Post(alice, R"({"repo":"acme/widgets","type":"convention","content":"Keep it."})");
    const std::vector<std::pair<std::string, std::string>> puts = {
        {"{}", "nothing to change"},
        {R"({"confidence":-1})", "confidence"},
        {R"({"type":"nonsense"})", "type must be"},
        {R"({"content":""})", "content"},
        {R"({"repo":"acme/widgets"})", R"(\"repo\" is not a field here)"},
    };
    for (const auto& [body, message] : puts) {
        auto result = stack->Send("PUT", "/api/v1/memory/" + std::to_string(id), alice, body);
        EXPECT_EQ(result.status, 400) << body;
        EXPECT_NE(result.body.find(message), std::string::npos) << body << " -> " << result.body;
    }
    const std::vector<std::pair<std::string, std::string>> gets = {
        {"/api/v1/memory", "repo is required"},
        {"/api/v1/memory?repo=acme/widgets&type=rumour", "type must be"},
        {"/api/v1/memory?repo=acme/widgets&limit=500", "limit"},
        {"/api/v1/memory?repo=acme/widgets&cursor=%21%21", "cursor"},
        {"/api/v1/memory?repo=acme/widgets&q=x&cursor=MQ", "cursor pages the list"},
        {"/api/v1/memory/abc", "positive integer"},
        {"/api/v1/memory/project-map", "repo is required"},
    };
    for (const auto& [path, message] : gets) {
        auto result = stack->Send("GET", path, alice);
        EXPECT_EQ(result.status, 400) << path;
        EXPECT_NE(result.body.find(message), std::string::npos) << path << " -> " << result.body;
    }
    EXPECT_EQ(stack->Send("GET", "/api/v1/memory?repo=acme/widgets", 0).status, 401);
    EXPECT_EQ(stack
                  ->Send("POST", "/api/v1/memory", 0,
                         R"({"repo":"acme/widgets","type":"convention","content":"x"})")
                  .status,
              401);
}

TEST_P(MemoryApiTest, ACallerCannotReadChangeOrDeleteAnotherUsersMemoriesWhateverTheId) {
    const std::int64_t secret =
        Post(bob, R"({"repo":"bob/secret","type":"project_rule","content":"Bob's rule."})");
    ASSERT_GT(secret, 0);
    const std::string path = "/api/v1/memory/" + std::to_string(secret);
    const auto missing = stack->Send("GET", "/api/v1/memory/999999", alice);
    ASSERT_EQ(missing.status, 404);

    for (const auto& [method, body] : std::vector<std::pair<std::string, std::string>>{
             {"GET", ""}, {"PUT", R"({"content":"Alice was here."})"}, {"DELETE", ""}}) {
        auto result = stack->Send(method, path, alice, body);
        EXPECT_EQ(result.status, 404) << method;
        EXPECT_EQ(result.body, missing.body) << method << ": must look exactly like a missing id";
    }
    for (std::int64_t id = 1; id <= secret + 2; ++id) {
        auto result = stack->Send("PUT", "/api/v1/memory/" + std::to_string(id), alice,
                                  R"({"confidence":0})");
        EXPECT_EQ(result.status, 404) << "id " << id;
    }
    const json::object kept = GetJson(path, bob);
    EXPECT_EQ(kept.at("content"), "Bob's rule.");
    EXPECT_EQ(kept.at("confidence").as_double(), 0.8);

    const auto unknown_repo = stack->Send("GET", "/api/v1/memory?repo=nobody/none", alice);
    const auto bobs_repo = stack->Send("GET", "/api/v1/memory?repo=bob/secret", alice);
    EXPECT_EQ(bobs_repo.status, 404);
    EXPECT_EQ(bobs_repo.body, unknown_repo.body) << "another's repository looks like none";
    EXPECT_EQ(stack->Send("GET", "/api/v1/memory?repo=bob/secret&q=rule", alice).status, 404);
    EXPECT_EQ(stack->Send("GET", "/api/v1/memory/project-map?repo=bob/secret", alice).status, 404);
    Post(alice, R"({"repo":"bob/secret","type":"project_rule","content":"Planted."})", 404);
    EXPECT_EQ(Contents(GetJson("/api/v1/memory?repo=bob/secret", bob)),
              std::vector<std::string>{"Bob's rule."});
}

TEST_P(MemoryApiTest, TheProjectMapSummarisesMemoriesAndTheIndexedStructure) {
    Post(alice, R"({"repo":"acme/widgets","type":"project_rule","content":"Never log tokens.",)"
                R"("confidence":0.9})");
    Post(alice, R"({"repo":"acme/widgets","type":"project_rule","content":"Squash merges."})");
    Post(alice, R"({"repo":"acme/widgets","type":"convention","content":"Handlers are thin."})");
    Post(alice, R"({"repo":"acme/widgets","type":"developer_habit","content":"Skips tests.",)"
                R"("developer":"carol"})");

    json::object map = GetJson("/api/v1/memory/project-map?repo=acme/widgets", alice);
    EXPECT_EQ(map.at("repository"), "acme/widgets");
    EXPECT_EQ(Contents(json::object{{"memories", map.at("rules")}}),
              (std::vector<std::string>{"Never log tokens.", "Squash merges."}))
        << "most trusted first";
    EXPECT_EQ(Contents(json::object{{"memories", map.at("conventions")}}),
              std::vector<std::string>{"Handlers are thin."});
    EXPECT_EQ(map.at("structure"), json::array()) << "not indexed yet: empty, not an error";
    EXPECT_EQ(map.at("hot_spots"), json::array());

    stack->AddFile("acme/widgets", "src/api/users.cpp", "cpp", 300, kNowMs - 1000);
    stack->AddFile("acme/widgets", "src/api/users.hpp", "cpp", 40, kNowMs - 5000);
    stack->AddFile("acme/widgets", "src/tool.py", "python", 80, kNowMs - 9000);
    stack->AddFile("acme/widgets", "docs/guide.md", "markdown", 120, kNowMs - 2000);
    stack->AddFile("acme/widgets", "README.md", "markdown", 50, kNowMs - 8000);
    stack->AddFile("bob/secret", "hidden/file.go", "go", 10, kNowMs);
    map = GetJson("/api/v1/memory/project-map?repo=acme/widgets", alice);
    const json::value expected_structure = json::parse(R"([
        {"directory": "src", "files": 3,
         "languages": [{"language": "cpp", "files": 2}, {"language": "python", "files": 1}]},
        {"directory": "", "files": 1, "languages": [{"language": "markdown", "files": 1}]},
        {"directory": "docs", "files": 1, "languages": [{"language": "markdown", "files": 1}]}
    ])");
    EXPECT_EQ(map.at("structure"), expected_structure) << json::serialize(map.at("structure"));
    const json::array& spots = map.at("hot_spots").as_array();
    ASSERT_EQ(spots.size(), 5u);
    EXPECT_EQ(spots[0].at("path"), "src/api/users.cpp");
    EXPECT_EQ(spots[1].at("path"), "docs/guide.md");
    EXPECT_EQ(spots[0].at("lines"), 300);
}

INSTANTIATE_TEST_SUITE_P(Engines, MemoryApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
