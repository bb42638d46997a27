// A client on the official MCP TypeScript SDK (StreamableHTTPClientTransport) runs a scripted
// session against the real `nectr serve` (tests/node/mcp_sdk_session.mjs): Alice's token sees
// her reviewed repository, a wrong token is refused with 401, and Bob's repository is invisible
// to her.
#include <boost/json.hpp>

#include "e2e/mcp_fixture.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;

using McpSdkClientTest = McpScenarioTest;

TEST_P(McpSdkClientTest, ScriptedSessionSeesOnlyTheTokenOwnersRepositories) {
    CommandResult run = RunCommand({"/usr/bin/env", "node", "mcp_sdk_session.mjs", base_url,
                                    alice_token, repo, std::to_string(pull->number), kOtherRepo},
                                   {}, std::chrono::seconds(120), NodeDir());
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err << Logs();
    const json::object report = json::parse(run.out).as_object();

    EXPECT_EQ(report.at("server").at("name"), "nectr") << run.out;
    EXPECT_FALSE(report.at("session_id").is_null()) << run.out;
    const json::array& tools = report.at("tools").as_array();
    EXPECT_EQ(tools.size(), 7u) << run.out;
    EXPECT_NE(std::find(tools.begin(), tools.end(), json::value("review_diff")), tools.end());

    const json::object& recent = report.at("recent").as_object();
    EXPECT_FALSE(recent.at("isError").as_bool()) << run.out;
    const json::array& reviews = recent.at("structured").at("reviews").as_array();
    ASSERT_EQ(reviews.size(), 1u) << run.out;
    EXPECT_EQ(reviews[0].at("number").to_number<std::int64_t>(), pull->number);
    const json::object& verdict = report.at("verdict").as_object();
    EXPECT_FALSE(verdict.at("isError").as_bool()) << run.out;

    const std::string map_uri = "nectr://repos/" + repo + "/project-map";
    const json::array& resources = report.at("resources").as_array();
    EXPECT_NE(std::find(resources.begin(), resources.end(), json::value(map_uri)), resources.end())
        << run.out;
    EXPECT_EQ(std::find(resources.begin(), resources.end(),
                        json::value("nectr://repos/" + std::string(kOtherRepo) + "/project-map")),
              resources.end())
        << "Bob's repository must not be listed for Alice: " << run.out;
    EXPECT_EQ(std::string(report.at("project_map").as_string()).rfind("# " + repo, 0), 0u)
        << run.out;

    const json::object& other = report.at("other_repo").as_object();
    EXPECT_TRUE(other.at("isError").as_bool()) << run.out;
    EXPECT_NE(std::string(other.at("text").as_string()).find("not found"), std::string::npos)
        << run.out;
    EXPECT_TRUE(report.at("other_map").at("refused").as_bool()) << run.out;
    EXPECT_EQ(report.at("other_map").at("code"), -32002) << run.out;

    const json::object& wrong = report.at("wrong_token").as_object();
    EXPECT_TRUE(wrong.at("refused").as_bool()) << run.out;
    EXPECT_EQ(wrong.at("status"), 401) << run.out;
    EXPECT_NE(std::string(wrong.at("message").as_string()).find("unauthorized"), std::string::npos)
        << run.out;
    EXPECT_TRUE(wrong.at("challenge").is_string()) << "a 401 carries WWW-Authenticate";
}

INSTANTIATE_TEST_SUITE_P(Engines, McpSdkClientTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
