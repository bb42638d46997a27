// `nectr serve` on PostgreSQL, including a database that dies under it and comes back.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"

namespace nectr::testing {
namespace {

using std::chrono::seconds;

std::string ServeAndReadUrl(ChildProcess& process) {
    auto line = process.WaitForStdoutLine("is running at", seconds(30));
    std::smatch match;
    if (line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))"))) {
        return "http://127.0.0.1:" + match[1].str();
    }
    return "";
}

CommandResult PgCluster(const std::string& action, const std::string& dir) {
    return RunCommand(
        {"/bin/bash", std::string(NECTR_SOURCE_DIR) + "/scripts/pg_cluster.sh", action, dir}, {},
        seconds(120));
}

TEST(ServePostgresTest, AnswersHealthOnPostgres) {
    auto db = TestDatabase::Create(store::Engine::kPostgres);
    ASSERT_TRUE(db) << db.error().detail;
    TempDir dir;
    ChildProcess server({NECTR_BINARY_PATH, "serve", "--port", "0"},
                        {{"DATABASE_URL", (*db)->Url()}}, dir.Path());
    std::string url = ServeAndReadUrl(server);
    ASSERT_FALSE(url.empty()) << server.Stderr();
    HttpResult health = HttpRequest("GET", url + "/health");
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_NE(health.body.find("\"engine\":\"postgres\""), std::string::npos) << health.body;
    EXPECT_TRUE(std::regex_search(health.body, std::regex(R"("schema_version":[1-9])")))
        << health.body;
    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(seconds(30)), 0) << server.Stderr();
}

// The server must outlive its database: /health says 503 while PostgreSQL is down, and healthy
// again once it is back, without a restart of nectr.
// Stops the test's own cluster however the test ends.
struct ClusterGuard {
    const TempDir& dir;
    ~ClusterGuard() { PgCluster("stop", dir.Path()); }
};

TEST(ServePostgresTest, ReportsADeadDatabaseWith503AndRecoversWhenItReturns) {
    TempDir cluster;
    ClusterGuard guard{cluster};
    CommandResult started = PgCluster("start", cluster.Path());
    ASSERT_EQ(started.exit_code, 0) << started.err;
    std::string database_url = started.out.substr(0, started.out.find('\n'));
    TempDir dir;
    ChildProcess server({NECTR_BINARY_PATH, "serve", "--port", "0"},
                        {{"DATABASE_URL", database_url}}, dir.Path());
    std::string url = ServeAndReadUrl(server);
    ASSERT_FALSE(url.empty()) << server.Stderr();
    ASSERT_EQ(HttpRequest("GET", url + "/health").status, 200);

    ASSERT_EQ(PgCluster("kill", cluster.Path()).exit_code, 0);
    HttpResult down = HttpRequest("GET", url + "/health");
    EXPECT_EQ(down.status, 503) << down.body;
    EXPECT_NE(down.body.find("\"status\":\"unhealthy\""), std::string::npos) << down.body;
    EXPECT_NE(down.body.find("\"status\":\"down\""), std::string::npos) << down.body;
    EXPECT_EQ(down.body.find("password"), std::string::npos) << down.body;
    EXPECT_FALSE(server.Wait(std::chrono::milliseconds(0)).has_value())
        << "the server must keep running while the database is down";

    ASSERT_EQ(PgCluster("restart", cluster.Path()).exit_code, 0);
    HttpResult back = HttpRequest("GET", url + "/health");
    EXPECT_EQ(back.status, 200) << back.body;

    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(seconds(30)), 0) << server.Stderr();
}

}  // namespace
}  // namespace nectr::testing
