// The official MCP Inspector's command line against the real Nectr, over all three transports:
// Streamable HTTP (`POST /mcp`), the legacy HTTP+SSE transport (`GET /mcp/sse`) and stdio
// (`nectr mcp`). It lists the tools, calls every one of them and reads the project map of the
// repository Nectr reviewed. The inspector cannot send headers, so over HTTP it talks to a small
// proxy (tests/node/mcp_auth_proxy.mjs) that adds Alice's personal API token.
#include <boost/json.hpp>
#include <memory>

#include "e2e/mcp_fixture.hpp"
#include "support/review_fakes.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;

// The inspector's answer to one request: its exit code, and its standard output as JSON.
struct Inspected {
    int exit_code = -1;
    json::value answer;
    std::string out;
    std::string err;

    // The concatenated text content of a tools/call or resources/read answer.
    std::string Text() const {
        std::string text;
        const json::object* object = answer.if_object();
        if (object == nullptr) {
            return text;
        }
        for (const char* key : {"content", "contents"}) {
            if (const json::value* items = object->if_contains(key)) {
                for (const json::value& item : items->as_array()) {
                    if (const json::value* piece = item.as_object().if_contains("text")) {
                        text += piece->as_string();
                    }
                }
            }
        }
        return text;
    }

    bool IsError() const {
        const json::object* object = answer.if_object();
        const json::value* flag = object ? object->if_contains("isError") : nullptr;
        return flag != nullptr && flag->is_bool() && flag->as_bool();
    }
};

class McpInspectorTest : public McpScenarioTest {
protected:
    // Runs `mcp-inspector --cli <target...> <request...>`.
    Inspected Inspect(const std::vector<std::string>& request) {
        std::vector<std::string> argv{"/usr/bin/env", "node",
                                      NodeDir() + "/node_modules/.bin/mcp-inspector", "--cli"};
        argv.insert(argv.end(), target_.begin(), target_.end());
        argv.insert(argv.end(), request.begin(), request.end());
        CommandResult run =
            RunCommand(argv, target_env_, std::chrono::seconds(120), work_dir.Path());
        Inspected result{run.exit_code, nullptr, run.out, run.err};
        boost::system::error_code error;
        result.answer = json::parse(run.out, error);
        return result;
    }

    Inspected CallTool(const std::string& name, const std::vector<std::string>& arguments) {
        std::vector<std::string> request{"--method", "tools/call", "--tool-name", name};
        for (const std::string& argument : arguments) {
            request.push_back("--tool-arg");
            request.push_back(argument);
        }
        return Inspect(request);
    }

    // Over HTTP: a proxy in front of `nectr serve` that adds Alice's token.
    void ThroughProxy(const std::string& path, const std::string& transport) {
        proxy_ = std::make_unique<NodePeer>("mcp_auth_proxy.mjs",
                                            std::vector<std::string>{base_url, alice_token});
        ASSERT_TRUE(proxy_->Started());
        target_ = {proxy_->Url() + path, "--transport", transport};
        target_env_ = {};
    }

    // Over stdio: the inspector starts `nectr mcp` on the test's database.
    void OverStdio() {
        target_ = {NECTR_BINARY_PATH, "mcp", "--transport", "stdio"};
        target_env_ = NectrEnv();
    }

    void ExerciseEveryToolAndTheProjectMap();

    std::unique_ptr<NodePeer> proxy_;
    std::vector<std::string> target_;
    std::map<std::string, std::string> target_env_;
};

// What each tool says about the reviewed pull request; every answer must come from the data.
void McpInspectorTest::ExerciseEveryToolAndTheProjectMap() {
    const std::string number = std::to_string(pull->number);
    const std::string author(pull->pull_request.at("user").at("login").as_string());

    Inspected tools = Inspect({"--method", "tools/list"});
    ASSERT_EQ(tools.exit_code, 0) << tools.err << tools.out << Logs();
    std::vector<std::string> names;
    for (const json::value& tool : tools.answer.at("tools").as_array()) {
        names.emplace_back(tool.at("name").as_string());
        EXPECT_TRUE(tool.as_object().contains("inputSchema")) << json::serialize(tool);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"get_recent_reviews", "get_contributor_stats",
                                               "get_pr_verdict", "get_repo_health", "search_memory",
                                               "get_file_experts", "review_diff"}));

    Inspected recent = CallTool("get_recent_reviews", {"repo=" + repo, "limit=5"});
    ASSERT_EQ(recent.exit_code, 0) << recent.err;
    EXPECT_FALSE(recent.IsError()) << recent.out;
    const json::value recent_data = recent.answer.at("structuredContent");
    ASSERT_EQ(recent_data.at("reviews").as_array().size(), 1u) << recent.out;
    EXPECT_EQ(recent_data.at("reviews").at(0).at("number").to_number<std::int64_t>(), pull->number)
        << recent.out;

    Inspected stats = CallTool("get_contributor_stats", {"repo=" + repo, "since=2000-01-01"});
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    EXPECT_FALSE(stats.IsError()) << stats.out;
    EXPECT_NE(stats.Text().find(author), std::string::npos) << stats.out;

    Inspected verdict = CallTool("get_pr_verdict", {"repo=" + repo, "number=" + number});
    ASSERT_EQ(verdict.exit_code, 0) << verdict.err;
    EXPECT_FALSE(verdict.IsError()) << verdict.out;
    const json::value& verdict_data = verdict.answer.at("structuredContent");
    EXPECT_EQ(verdict_data.at("found"), true) << verdict.out;
    EXPECT_TRUE(verdict_data.at("verdict").is_string()) << verdict.out;
    Inspected unknown_pull = CallTool("get_pr_verdict", {"repo=" + repo, "number=999999"});
    EXPECT_EQ(unknown_pull.answer.at("structuredContent").at("found"), false) << unknown_pull.out;

    Inspected health = CallTool("get_repo_health", {"repo=" + repo});
    ASSERT_EQ(health.exit_code, 0) << health.err;
    EXPECT_FALSE(health.IsError()) << health.out;
    EXPECT_NE(health.Text().find(repo), std::string::npos) << health.out;

    // Memory and the knowledge graph fill in as the repository is scanned; either way the tool
    // answers with a result about this repository, not a protocol failure.
    Inspected memory = CallTool("search_memory", {"repo=" + repo, "query=greeting"});
    ASSERT_EQ(memory.exit_code, 0) << memory.err;
    EXPECT_FALSE(memory.Text().empty()) << memory.out;
    Inspected experts = CallTool("get_file_experts", {"repo=" + repo, "paths=README.md"});
    ASSERT_EQ(experts.exit_code, 0) << experts.err;
    EXPECT_FALSE(experts.Text().empty()) << experts.out;

    Inspected review = CallTool("review_diff", {std::string("diff=") + kEvalDiff});
    ASSERT_EQ(review.exit_code, 0) << review.err;
    EXPECT_FALSE(review.IsError()) << review.out;
    EXPECT_NE(review.Text().find("eval"), std::string::npos) << review.out;

    const std::string map_uri = "nectr://repos/" + repo + "/project-map";
    Inspected resources = Inspect({"--method", "resources/list"});
    ASSERT_EQ(resources.exit_code, 0) << resources.err;
    EXPECT_NE(resources.out.find(map_uri), std::string::npos) << resources.out;
    Inspected map = Inspect({"--method", "resources/read", "--uri", map_uri});
    ASSERT_EQ(map.exit_code, 0) << map.err;
    const std::string markdown = map.Text();
    EXPECT_EQ(markdown.rfind("# " + repo, 0), 0u) << map.out;
    EXPECT_NE(markdown.find("#" + number), std::string::npos) << map.out;
}

TEST_P(McpInspectorTest, CallsEveryToolOverStreamableHttp) {
    ThroughProxy("/mcp", "http");
    ExerciseEveryToolAndTheProjectMap();
}

TEST_P(McpInspectorTest, CallsEveryToolOverLegacySse) {
    ThroughProxy("/mcp/sse", "sse");
    ExerciseEveryToolAndTheProjectMap();
}

TEST_P(McpInspectorTest, CallsEveryToolOverStdio) {
    OverStdio();
    ExerciseEveryToolAndTheProjectMap();
}

INSTANTIATE_TEST_SUITE_P(Engines, McpInspectorTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
