// MCP_SERVERS parsing, the outcome of an integration from its context items, and the status a
// settings page shows.
#include "app/integrations_setup.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "support/process.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

TEST(ParseMcpServersTest, EmptyMeansNone) {
    auto parsed = ParseMcpServers("  ");
    ASSERT_TRUE(parsed) << parsed.error().detail;
    EXPECT_TRUE(parsed->empty());
}

TEST(ParseMcpServersTest, ReadsPresetsTransportsAuthAndTimeouts) {
    auto parsed = ParseMcpServers(R"([
        {"name": "linear", "url": "https://mcp.linear.app/mcp", "auth": "Bearer lin"},
        {"name": "errors", "preset": "sentry", "url": "http://s/sse", "transport": "sse",
         "timeout_ms": 1500},
        {"name": "pd", "url": "http://p/mcp", "tool": "search_incidents", "argument": "q",
         "role": "error_tracker"},
        {"name": "notion"}])");
    ASSERT_TRUE(parsed) << parsed.error().detail;
    ASSERT_EQ(parsed->size(), 4u);
    const ConfiguredIntegration& linear = (*parsed)[0];
    EXPECT_EQ(linear.server.preset, mcp::Preset::kLinear) << "the name picks the preset";
    EXPECT_EQ(linear.server.transport, mcp::TransportKind::kStreamableHttp);
    EXPECT_EQ(linear.server.auth_header, "Bearer lin");
    EXPECT_EQ(linear.role, mcp::Role::kIssueTracker);
    EXPECT_EQ(linear.timeout, std::chrono::milliseconds(10'000));
    const ConfiguredIntegration& errors = (*parsed)[1];
    EXPECT_EQ(errors.server.preset, mcp::Preset::kSentry);
    EXPECT_EQ(errors.server.transport, mcp::TransportKind::kSse);
    EXPECT_EQ(errors.role, mcp::Role::kErrorTracker);
    EXPECT_EQ(errors.timeout, std::chrono::milliseconds(1500));
    const ConfiguredIntegration& pd = (*parsed)[2];
    EXPECT_EQ(pd.server.preset, mcp::Preset::kCustom);
    EXPECT_EQ(pd.server.tool, "search_incidents");
    EXPECT_EQ(pd.server.argument, "q");
    EXPECT_EQ(pd.role, mcp::Role::kErrorTracker);
    EXPECT_TRUE((*parsed)[3].server.url.empty()) << "kept, and reported as not set up";
}

TEST(ParseMcpServersTest, ReadsAFile) {
    nectr::testing::TempDir dir;
    const std::string path = dir.Path() + "/mcp.json";
    std::ofstream(path) << R"([{"name": "slack", "url": "http://slack/mcp"}])";
    auto parsed = ParseMcpServers(path);
    ASSERT_TRUE(parsed) << parsed.error().detail;
    ASSERT_EQ(parsed->size(), 1u);
    EXPECT_EQ((*parsed)[0].server.preset, mcp::Preset::kSlack);
    EXPECT_EQ((*parsed)[0].role, mcp::Role::kChat);
    auto missing = ParseMcpServers(dir.Path() + "/absent.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().detail.find("neither a JSON array nor a readable file"),
              std::string::npos);
}

TEST(ParseMcpServersTest, ListsEveryProblem) {
    auto parsed = ParseMcpServers(R"([
        {"name": "a", "preset": "jira", "url": "ftp://x", "transport": "ws", "timeout_ms": 0},
        {"url": "http://b"}, 3, {"name": "c", "role": "pager"}])");
    ASSERT_FALSE(parsed);
    const std::string& detail = parsed.error().detail;
    for (const char* problem :
         {"MCP_SERVERS[0]: preset must be linear, sentry, slack or custom",
          "MCP_SERVERS[0]: url must be an http(s) URL", "MCP_SERVERS[0]: transport must be http",
          "MCP_SERVERS[0]: timeout_ms must be a number from 1 to 120000",
          "MCP_SERVERS[1]: name is required", "MCP_SERVERS[2] must be an object",
          "MCP_SERVERS[3]: role must be"}) {
        EXPECT_NE(detail.find(problem), std::string::npos) << problem << " in " << detail;
    }
    EXPECT_FALSE(ParseMcpServers("{\"name\": \"a\"}"));
    EXPECT_FALSE(ParseMcpServers("[{\"name\": "));
}

TEST(OutcomeOfTest, OkSkippedAndFailed) {
    const review::ContextItem found{"mcp:linear", "linear (issue tracker): PAY-1", "Issue PAY-1"};
    const review::ContextItem timed_out{"mcp:linear", "linear: context missing",
                                        "The issue tracker linear was skipped: timed out"};
    const review::ContextItem unset{"mcp:notion", "notion: context missing",
                                    "The chat notion was skipped: it is not set up (no URL)"};

    ContextSourceOutcome ok = OutcomeOf("linear", {found, timed_out});
    EXPECT_EQ(ok.status, "ok");
    EXPECT_EQ(ok.items, 1);
    EXPECT_NE(ok.detail.find("timed out"), std::string::npos) << "a partial answer says so";

    ContextSourceOutcome nothing = OutcomeOf("linear", {});
    EXPECT_EQ(nothing.status, "ok");
    EXPECT_EQ(nothing.items, 0);

    ContextSourceOutcome failed = OutcomeOf("linear", {timed_out});
    EXPECT_EQ(failed.status, "failed");
    EXPECT_EQ(failed.items, 0);
    EXPECT_EQ(failed.detail, timed_out.text);

    EXPECT_EQ(OutcomeOf("notion", {unset}).status, "skipped");
}

TEST(IntegrationStatusTest, ShowsConfigurationAndLastOutcomesButNeverTheAuthHeader) {
    auto parsed = ParseMcpServers(R"([
        {"name": "linear", "url": "http://l/mcp", "auth": "Bearer secret-value"},
        {"name": "sentry", "url": "http://s/sse", "transport": "sse"},
        {"name": "notion"}])");
    ASSERT_TRUE(parsed) << parsed.error().detail;
    IntegrationStatusBoard board;
    board.Record({"linear", "ok", 2, ""}, 1'700'000'000'000);
    board.Record({"sentry", "ok", 1, ""}, 1'700'000'000'000);
    board.Record({"sentry", "failed", 0, "timed out"}, 1'700'000'060'000);

    const json::array status = IntegrationStatus(*parsed, board);
    EXPECT_EQ(json::serialize(status).find("secret-value"), std::string::npos);
    ASSERT_EQ(status.size(), 3u);
    const json::object& linear = status[0].as_object();
    EXPECT_EQ(linear.at("name"), "linear");
    EXPECT_EQ(linear.at("preset"), "linear");
    EXPECT_EQ(linear.at("url"), "http://l/mcp");
    EXPECT_EQ(linear.at("transport"), "http");
    EXPECT_EQ(linear.at("role"), "issue_tracker");
    EXPECT_EQ(linear.at("configured"), true);
    EXPECT_EQ(linear.at("last_ok"), "2023-11-14T22:13:20.000Z");
    EXPECT_TRUE(linear.at("last_error").is_null());
    const json::object& sentry = status[1].as_object();
    EXPECT_EQ(sentry.at("transport"), "sse");
    EXPECT_EQ(sentry.at("last_ok"), "2023-11-14T22:13:20.000Z");
    EXPECT_EQ(sentry.at("last_error_at"), "2023-11-14T22:14:20.000Z");
    EXPECT_EQ(sentry.at("last_error"), "timed out");
    const json::object& notion = status[2].as_object();
    EXPECT_EQ(notion.at("configured"), false);
    EXPECT_TRUE(notion.at("url").is_null());
    EXPECT_TRUE(notion.at("last_ok").is_null());
}

}  // namespace
}  // namespace nectr::app
