// The knowledge graph's routes over loopback on both engines: answers built from an indexed
// repository, and the access rule (user_repositories) with one 404 for missing and foreign.
#include "api/graph_routes.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/metrics.hpp"
#include "graph/pull_request_index.hpp"
#include "http/server.hpp"
#include "read_api_stack.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace nectr::api::test {
namespace {

class GraphRoutesTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        GraphApiDeps deps{db_.get(), &pool_, &clock_, BearerUserAuthenticator()};
        AddGraphRoutes(router_, deps);
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        ASSERT_TRUE(port) << port.error().detail;
        port_ = *port;
    }

    void TearDown() override {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
        }
        server_.reset();
        db_.reset();
        test_database_.reset();
    }

    void Run(const std::string& sql, std::span<const store::Value> params = {}) {
        auto rows = store::Execute(*db_, store::Query{"test.seed", sql, sql}, params);
        ASSERT_TRUE(rows) << rows.error().detail << " in " << sql;
    }

    std::int64_t AddUser(const std::string& login) {
        const store::Value params[] = {next_github_id_++, login, kNowMs};
        auto rows = store::Execute(
            *db_,
            store::Query{"test.user",
                         "INSERT INTO users (github_id, github_username, created_at, updated_at) "
                         "VALUES ($1, $2, $3, $3) RETURNING id",
                         "INSERT INTO users (github_id, github_username, created_at, updated_at) "
                         "VALUES ($1, $2, $3, $3) RETURNING id"},
            params);
        EXPECT_TRUE(rows && !rows->empty());
        return rows && !rows->empty() ? store::AsInt(rows->rows[0][0]).value_or(-1) : -1;
    }

    void Connect(std::int64_t user_id, const std::string& repo, bool active = true) {
        const store::Value params[] = {user_id, repo, std::int64_t{active ? 1 : 0}, kNowMs};
        Run("INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $4)",
            params);
    }

    void IndexPull(const std::string& repo, int number, const std::string& author,
                   std::vector<std::string> paths, std::string verdict = "APPROVE") {
        graph::PullRequestFacts facts;
        facts.number = number;
        facts.title = "Change " + std::to_string(number);
        facts.author = author;
        facts.verdict = std::move(verdict);
        facts.updated_at_ms = kNowMs - std::int64_t{number} * 3'600'000;
        for (std::string& path : paths) {
            facts.files.push_back({std::move(path), "", 10, 2, "modified"});
        }
        auto indexed = graph::IndexPullRequest(*db_, repo, facts, kNowMs - 3'600'000);
        ASSERT_TRUE(indexed) << indexed.error().detail;
    }

    testing::HttpResult Get(const std::string& path, std::int64_t user_id) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (user_id != 0) {
            headers.emplace_back("Authorization", "Bearer user-" + std::to_string(user_id));
        }
        return testing::HttpRequest("GET", "http://127.0.0.1:" + std::to_string(port_) + path, "",
                                    headers);
    }

    json::object GetJson(const std::string& path, std::int64_t user_id) {
        testing::HttpResult result = Get(path, user_id);
        EXPECT_EQ(result.status, 200) << path << ": " << result.body;
        boost::system::error_code ec;
        json::value parsed = json::parse(result.body, ec);
        return !ec && parsed.is_object() ? parsed.as_object() : json::object();
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
    std::int64_t next_github_id_ = 1000;
};

constexpr const char* kBase = "/api/v1/repos/octo/widgets/graph/";

TEST_P(GraphRoutesTest, ListsTheExpertsOfTheAskedFiles) {
    const std::int64_t ann = AddUser("ann");
    Connect(ann, "octo/widgets");
    IndexPull("octo/widgets", 1, "Bob", {"src/a.cpp", "src/b.cpp"});
    IndexPull("octo/widgets", 2, "cy", {"docs/x.md"});

    json::object body =
        GetJson(std::string(kBase) + "experts?path=src/a.cpp&path=src%2Fb.cpp", ann);

    EXPECT_EQ(body["repository"], "octo/widgets");
    EXPECT_EQ(body["indexed"], true);
    EXPECT_EQ(body["paths"], (json::array{"src/a.cpp", "src/b.cpp"}));
    const json::array& experts = body["experts"].as_array();
    ASSERT_EQ(experts.size(), 1U) << json::serialize(body);
    EXPECT_EQ(experts[0].at("login"), "bob");
    EXPECT_EQ(experts[0].at("changes"), 2);
    EXPECT_EQ(experts[0].at("files"), (json::array{"src/a.cpp", "src/b.cpp"}));
    EXPECT_GT(experts[0].at("score").as_double(), 0.0);
}

TEST_P(GraphRoutesTest, ListsPullRequestsThatTouchedTheFiles) {
    const std::int64_t ann = AddUser("ann");
    Connect(ann, "octo/widgets");
    IndexPull("octo/widgets", 1, "bob", {"src/a.cpp", "src/b.cpp"}, "REQUEST_CHANGES");
    IndexPull("octo/widgets", 2, "cy", {"src/a.cpp"});
    IndexPull("octo/widgets", 3, "dee", {"docs/x.md"});

    json::object body = GetJson(std::string(kBase) + "pull-requests?path=src/a.cpp&limit=5", ann);

    const json::array& pulls = body["pull_requests"].as_array();
    ASSERT_EQ(pulls.size(), 2U) << json::serialize(body);
    EXPECT_EQ(pulls[0].at("number"), 1) << "updated most recently";
    EXPECT_EQ(pulls[0].at("verdict"), "REQUEST_CHANGES");
    EXPECT_EQ(pulls[0].at("author"), "bob");
    EXPECT_EQ(pulls[0].at("state"), "open");
    EXPECT_EQ(pulls[1].at("number"), 2);
}

TEST_P(GraphRoutesTest, AnswersHealthAndHotFilesOfAConnectedRepository) {
    const std::int64_t ann = AddUser("ann");
    Connect(ann, "octo/widgets");
    IndexPull("octo/widgets", 1, "bob", {"src/a.cpp"});

    json::object health = GetJson(std::string(kBase) + "health", ann);
    const json::array& weeks = health["verdict_trend"].as_array();
    ASSERT_EQ(weeks.size(), 12U);
    EXPECT_EQ(weeks.back().at("total"), 1);
    EXPECT_EQ(weeks.back().at("verdicts").at("APPROVE"), 1);
    EXPECT_TRUE(health["hot_files"].as_array().empty()) << "nothing is merged or committed";
    EXPECT_TRUE(health["bus_factor"].is_array());

    json::object hot = GetJson(std::string(kBase) + "hot-files?limit=3", ann);
    EXPECT_EQ(hot["since"], "2023-12-11T12:00:00.000Z");
    EXPECT_TRUE(hot["files"].is_array());
}

TEST_P(GraphRoutesTest, AnswersEmptyListsForAReachableRepositoryNotIndexedYet) {
    const std::int64_t ann = AddUser("ann");
    Connect(ann, "octo/widgets");

    json::object body = GetJson(std::string(kBase) + "experts?path=a", ann);

    EXPECT_EQ(body["indexed"], false);
    EXPECT_TRUE(body["experts"].as_array().empty());
    EXPECT_EQ(GetJson(std::string(kBase) + "health", ann)["verdict_trend"].as_array().size(), 12U);
}

TEST_P(GraphRoutesTest, HidesRepositoriesOutOfReachBehindTheSameNotFound) {
    const std::int64_t ann = AddUser("ann");
    const std::int64_t eve = AddUser("eve");
    Connect(ann, "octo/widgets");
    Connect(eve, "octo/widgets", false);  // a connection that was removed
    IndexPull("octo/widgets", 1, "bob", {"src/a.cpp"});

    const testing::HttpResult foreign = Get(std::string(kBase) + "health", eve);
    const testing::HttpResult missing = Get("/api/v1/repos/octo/none/graph/health", ann);

    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(foreign.body, missing.body) << "the answer must not tell the two apart";
    EXPECT_EQ(foreign.body.find("bob"), std::string::npos);
    for (const char* route :
         {"experts?path=src/a.cpp", "pull-requests?path=src/a.cpp", "hot-files"}) {
        EXPECT_EQ(Get(std::string(kBase) + route, eve).status, 404) << route;
    }
}

TEST_P(GraphRoutesTest, ReachesRepositoriesThroughAppInstallationsToo) {
    const std::int64_t ann = AddUser("ann");
    const store::Value app[] = {std::int64_t{77}, kNowMs};
    Run("INSERT INTO app_installations (installation_id, account_login, status, last_event_id, "
        "created_at, updated_at) VALUES ($1, 'octo', 'active', 1, $2, $2)",
        app);
    const store::Value repo[] = {std::int64_t{77}, kNowMs};
    Run("INSERT INTO app_installation_repositories (installation_id, repository_id, "
        "repository_full_name, added_at, last_event_id, updated_at) "
        "VALUES ($1, 500, 'octo/widgets', $2, 1, $2)",
        repo);
    const store::Value grant[] = {ann, std::int64_t{77}, kNowMs};
    Run("INSERT INTO user_app_installations (user_id, installation_id, granted_at) "
        "VALUES ($1, $2, $3)",
        grant);
    IndexPull("octo/widgets", 1, "bob", {"src/a.cpp"});

    json::object body = GetJson(std::string(kBase) + "pull-requests?path=src/a.cpp", ann);
    EXPECT_EQ(body["pull_requests"].as_array().size(), 1U);
}

TEST_P(GraphRoutesTest, RefusesCallersWithoutCredentialsAndBadParameters) {
    const std::int64_t ann = AddUser("ann");
    Connect(ann, "octo/widgets");
    EXPECT_EQ(Get(std::string(kBase) + "health", 0).status, 401);
    EXPECT_EQ(Get(std::string(kBase) + "experts", ann).status, 400) << "no path";
    EXPECT_EQ(Get(std::string(kBase) + "pull-requests?path=", ann).status, 400);
    EXPECT_EQ(Get(std::string(kBase) + "hot-files?limit=0", ann).status, 400);
    EXPECT_EQ(Get(std::string(kBase) + "experts?path=a&limit=1000", ann).status, 400);
    std::string many = std::string(kBase) + "experts?";
    for (int i = 0; i <= 100; ++i) {
        many += "path=f" + std::to_string(i) + "&";
    }
    EXPECT_EQ(Get(many, ann).status, 400) << "at most 100 paths";
    EXPECT_EQ(Get("/api/v1/repos/octo/bad%20name/graph/health", ann).status, 400);
}

INSTANTIATE_TEST_SUITE_P(Engines, GraphRoutesTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
