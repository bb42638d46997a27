// GET /api/v1/status over loopback: what the settings page shows about the service, for
// signed-in users only.
#include "api/status.hpp"

#include <gtest/gtest.h>

#include "read_api_stack.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;

class StatusApiTest : public testing::MigratedDatabaseTest {
protected:
    void SetUp() override {
        MigratedDatabaseTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        jobs_ = std::make_unique<queue::JobQueue>(*db_, clock_);
        StatusDeps deps;
        deps.db = db_.get();
        deps.pool = &pool_;
        deps.jobs = jobs_.get();
        deps.authenticate = BearerUserAuthenticator();
        deps.llm = LlmStatus{"openai", "gpt-4o-mini", true};
        deps.integrations = [] {
            return json::array{json::object{{"name", "linear"}, {"status", "connected"}}};
        };
        AddStatusRoute(router_, deps);
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        ASSERT_TRUE(port) << port.error().detail;
        url_ = "http://127.0.0.1:" + std::to_string(*port) + "/api/v1/status";
    }

    void TearDown() override {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
        }
        MigratedDatabaseTest::TearDown();
    }

    FixedClock clock_;
    std::unique_ptr<queue::JobQueue> jobs_;
    core::BlockingPool pool_{2};
    core::Metrics metrics_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::string url_;
};

TEST_P(StatusApiTest, ReportsModelDatabaseQueueAndIntegrations) {
    queue::NewJob job;
    job.kind = "review";
    ASSERT_TRUE(jobs_->Enqueue(job));
    ASSERT_TRUE(jobs_->Enqueue(job));
    testing::HttpResult result =
        testing::HttpRequest("GET", url_, "", {{"Authorization", "Bearer user-1"}});
    ASSERT_EQ(result.status, 200) << result.body;
    const json::object body = json::parse(result.body).as_object();
    EXPECT_EQ(body.at("llm").at("provider"), "openai");
    EXPECT_EQ(body.at("llm").at("model"), "gpt-4o-mini");
    EXPECT_EQ(body.at("llm").at("configured"), true);
    EXPECT_EQ(body.at("database").at("engine").as_string(), store::EngineName(GetParam()));
    EXPECT_EQ(body.at("database").at("ok"), true);
    EXPECT_EQ(body.at("queue").at("depth"), 2);
    EXPECT_EQ(body.at("queue").at("dead"), 0);
    EXPECT_TRUE(body.at("queue").at("oldest_age_s").is_int64());
    ASSERT_EQ(body.at("integrations").as_array().size(), 1u);
    EXPECT_EQ(body.at("integrations").as_array()[0].at("name"), "linear");
    EXPECT_EQ(result.body.find("key"), std::string::npos) << "no secret is shown";
}

TEST_P(StatusApiTest, NeedsASignedInCaller) {
    testing::HttpResult result = testing::HttpRequest("GET", url_);
    EXPECT_EQ(result.status, 401);
    EXPECT_FALSE(result.headers["www-authenticate"].empty());
}

TEST(StatusRender, UnknownQueueIsNull) {
    StatusReport report;
    report.llm = LlmStatus{"none", "", false};
    report.database_engine = "sqlite";
    const json::object body = json::parse(RenderStatus(report)).as_object();
    EXPECT_TRUE(body.at("queue").is_null());
    EXPECT_EQ(body.at("database").at("ok"), false);
    EXPECT_EQ(body.at("llm").at("configured"), false);
    EXPECT_TRUE(body.at("integrations").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, StatusApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
