// MCP servers as review context, end to end: `nectr serve` with MCP_SERVERS naming an issue
// tracker, an error tracker (legacy SSE) and a chat tool on a server built with the official
// SDK (tests/node/mcp_tools_server.mjs), plus one that hangs, one that answers 500 and one
// without a URL. Their answers reach the prompt the model receives; the bad ones are skipped
// within their timeout, the posted review says which context was missing, and
// GET /api/v1/reviews/{id} reports what each integration contributed.
#include <boost/json.hpp>
#include <memory>
#include <regex>

#include "e2e/mcp_fixture.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

class McpIntegrationsTest : public McpScenarioTest {
protected:
    void BeforeServe() override {
        tools_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{"/usr/bin/env", "node", "mcp_tools_server.mjs", "0"},
            std::map<std::string, std::string>{}, NodeDir());
        auto line = tools_->WaitForStdoutLine("listening", seconds(20));
        ASSERT_TRUE(line) << "the tools server did not start: " << tools_->Stderr();
        std::smatch match;
        ASSERT_TRUE(std::regex_search(*line, match, std::regex(R"(listening (\d+))")));
        tools_url_ = "http://127.0.0.1:" + match[1].str();
        UseModel(0, false);
    }

    std::map<std::string, std::string> ExtraServeEnv() override {
        auto server = [this](const std::string& name, const std::string& path) {
            return json::object{{"name", name},
                                {"url", tools_url_ + path},
                                {"auth", "Bearer test-token"},
                                {"timeout_ms", 3000}};
        };
        json::object sentry = server("sentry", "/sse");
        sentry["transport"] = "sse";
        json::object pagerduty = server("pagerduty", "/hang/mcp");
        pagerduty["tool"] = "search_incidents";
        pagerduty["argument"] = "query";
        pagerduty["role"] = "error_tracker";
        json::object jira = server("jira", "/broken/mcp");
        jira["preset"] = "linear";
        json::array servers{
            server("linear", "/mcp"),        sentry, server("slack", "/mcp"), pagerduty, jira,
            json::object{{"name", "notion"}}};
        return {{"MCP_SERVERS", json::serialize(servers)}};
    }

    void AdjustPull(json::object& pull_request) override {
        pull_request["title"] = "PAY-42: greet politely";
    }

    std::unique_ptr<ChildProcess> tools_;
    std::string tools_url_;
};

TEST_P(McpIntegrationsTest, AnswersReachThePromptAndBadServersAreSkippedAndRecorded) {
    // What the model was shown.
    const json::object model = model_fake->State();
    std::string prompts;
    for (const json::value& request : model.at("requests").as_array()) {
        prompts += std::string(request.at("prompt").as_string()) + "\n";
    }
    ASSERT_FALSE(prompts.empty()) << "the model was never asked: " << Logs();
    EXPECT_NE(prompts.find("Issue PAY-42: Checkout fails for EU cards"), std::string::npos)
        << prompts;
    EXPECT_NE(prompts.find("TypeError in "), std::string::npos) << prompts;
    EXPECT_NE(prompts.find(repo + "#" + std::to_string(pull->number) + " changes the retry logic"),
              std::string::npos)
        << prompts;
    EXPECT_NE(prompts.find("pagerduty was skipped"), std::string::npos) << prompts;
    EXPECT_NE(prompts.find("notion was skipped: it is not set up"), std::string::npos) << prompts;

    // The posted review names what was missing.
    const json::object github = github_fake->State();
    ASSERT_EQ(github.at("reviews").as_array().size(), 1u);
    const std::string body(github.at("reviews").at(0).at("body").as_string());
    EXPECT_NE(body.find("Context from pagerduty is missing"), std::string::npos) << body;
    EXPECT_NE(body.find("Context from jira is missing"), std::string::npos) << body;

    // And the API reports each integration's part.
    HttpResult list = Call("GET", "/api/v1/reviews", alice_token);
    ASSERT_EQ(list.status, 200) << list.body;
    const std::string id = std::to_string(
        json::parse(list.body).at("reviews").at(0).at("id").to_number<std::int64_t>());
    HttpResult detail = Call("GET", "/api/v1/reviews/" + id, alice_token);
    ASSERT_EQ(detail.status, 200) << detail.body;
    std::map<std::string, json::object> sources;
    const json::value detail_json = json::parse(detail.body);
    for (const json::value& source : detail_json.at("context_sources").as_array()) {
        sources[std::string(source.at("name").as_string())] = source.as_object();
    }
    ASSERT_EQ(sources.size(), 6u) << detail.body;
    for (const char* name : {"linear", "sentry", "slack"}) {
        EXPECT_EQ(sources[name].at("status"), "ok") << name << ": " << detail.body;
        EXPECT_GE(sources[name].at("items").to_number<std::int64_t>(), 1) << name;
    }
    EXPECT_EQ(sources["pagerduty"].at("status"), "failed") << detail.body;
    EXPECT_NE(std::string(sources["pagerduty"].at("detail").as_string()).find("timed out"),
              std::string::npos)
        << detail.body;
    EXPECT_EQ(sources["jira"].at("status"), "failed") << detail.body;
    EXPECT_NE(std::string(sources["jira"].at("detail").as_string()).find("500"), std::string::npos)
        << detail.body;
    EXPECT_EQ(sources["notion"].at("status"), "skipped") << detail.body;
    EXPECT_EQ(sources["notion"].at("items"), 0) << detail.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, McpIntegrationsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

// A malformed MCP_SERVERS stops the server at start with every problem named.
TEST(McpServersSettingTest, AMalformedSettingIsRefusedAtStart) {
    TempDir dir;
    CommandResult run = RunCommand(
        {NECTR_BINARY_PATH, "serve", "--port", "0"},
        {{"DATA_DIR", dir.Path()},
         {"MCP_SERVERS",
          R"([{"name":"linear","url":"ftp://x","transport":"smoke"},{"url":"http://a"}])"}},
        seconds(60), dir.Path());
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("MCP_SERVERS[0]: url must be an http(s) URL"), std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("MCP_SERVERS[0]: transport must be http or sse"), std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("MCP_SERVERS[1]: name is required"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace nectr::testing
