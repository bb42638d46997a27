// The Streamable HTTP transport and the tools, over loopback on both engines: sessions,
// tokens, Origin, protocol versions, and every tool scoped to the caller.
#include <gtest/gtest.h>

#include "mcp_stack.hpp"

namespace nectr::mcp::test {
namespace {

class StreamableHttpTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        stack = McpStack::Start(GetParam());
        ASSERT_TRUE(stack);
        stack->SeedTwoUsers();
    }
    std::unique_ptr<McpStack> stack;
};

TEST_P(StreamableHttpTest, InitializeNegotiatesTheVersionAndIssuesASession) {
    Response init = stack->Post(
        stack->alice, McpStack::Request(1, "initialize", McpStack::InitializeParams("2025-06-18")),
        "");
    ASSERT_EQ(init.status, 200) << init.text;
    EXPECT_EQ(init.headers["mcp-session-id"].size(), 64u) << "a session id must be issued";
    const json::object& result = init.body.at("result").as_object();
    EXPECT_EQ(result.at("protocolVersion"), "2025-06-18") << "a supported version is echoed";
    EXPECT_EQ(result.at("serverInfo").at("name"), "nectr");
    EXPECT_TRUE(result.at("capabilities").as_object().contains("tools"));
    EXPECT_TRUE(result.at("capabilities").as_object().contains("resources"));

    Response future = stack->Post(
        stack->alice, McpStack::Request(2, "initialize", McpStack::InitializeParams("2099-01-01")),
        "");
    EXPECT_EQ(future.body.at("result").at("protocolVersion"), "2025-11-25")
        << "an unknown version gets our latest";
}

TEST_P(StreamableHttpTest, RefusesRequestsWithoutAValidToken) {
    Response none = stack->Post(0, McpStack::Request(1, "ping", nullptr), "");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.headers["www-authenticate"], "Bearer realm=\"nectr\"");
    Response wrong =
        stack->Send("POST", "/mcp", R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                    {{"Authorization", "Bearer nope"}, {"Content-Type", "application/json"}});
    EXPECT_EQ(wrong.status, 401);
    Response cookie =
        stack->Send("POST", "/mcp", R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                    {{"Authorization", "Bearer cookie-" + std::to_string(stack->alice)},
                     {"Content-Type", "application/json"}});
    EXPECT_EQ(cookie.status, 401) << "a browser session is not a personal API token";
}

TEST_P(StreamableHttpTest, ChecksTheOriginBeforeAnythingElse) {
    const json::value ping =
        McpStack::Request(1, "initialize", McpStack::InitializeParams("2025-11-25"));
    Response foreign = stack->Post(stack->alice, ping, "", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign.status, 403) << foreign.text;
    Response unsigned_foreign = stack->Post(0, ping, "", {{"Origin", "http://attacker.test"}});
    EXPECT_EQ(unsigned_foreign.status, 403) << "a foreign page learns nothing about tokens";
    Response allowed = stack->Post(stack->alice, ping, "", {{"Origin", "http://localhost:5173"}});
    EXPECT_EQ(allowed.status, 200) << allowed.text;
}

TEST_P(StreamableHttpTest, RequiresAKnownSessionOfTheSameUserAfterInitialize) {
    const std::string session = stack->OpenSession(stack->alice);
    const json::value list = McpStack::Request(2, "tools/list", nullptr);
    EXPECT_EQ(stack->Post(stack->alice, list, "").status, 400) << "the session id is required";
    EXPECT_EQ(stack->Post(stack->alice, list, "feedface").status, 404);
    EXPECT_EQ(stack->Post(stack->bob, list, session).status, 404)
        << "another user's session must look unknown";
    Response listed = stack->Post(stack->alice, list, session);
    ASSERT_EQ(listed.status, 200) << listed.text;
    EXPECT_EQ(listed.body.at("result").at("tools").as_array().size(), 7u);

    Response deleted =
        stack->Send("DELETE", "/mcp", "",
                    {{"Authorization", "Bearer user-" + std::to_string(stack->alice)},
                     {"Mcp-Session-Id", session}});
    EXPECT_EQ(deleted.status, 204);
    EXPECT_EQ(stack->Post(stack->alice, list, session).status, 404) << "a deleted session is gone";
}

TEST_P(StreamableHttpTest, ChecksTheProtocolVersionHeaderAndTheMediaType) {
    const std::string session = stack->OpenSession(stack->alice);
    const json::value ping = McpStack::Request(3, "ping", nullptr);
    EXPECT_EQ(
        stack->Post(stack->alice, ping, session, {{"MCP-Protocol-Version", "1999-01-01"}}).status,
        400);
    EXPECT_EQ(
        stack->Post(stack->alice, ping, session, {{"MCP-Protocol-Version", "2025-03-26"}}).status,
        200);
    Response text = stack->Send("POST", "/mcp", "{}",
                                {{"Authorization", "Bearer user-" + std::to_string(stack->alice)},
                                 {"Content-Type", "text/plain"}});
    EXPECT_EQ(text.status, 415);
    Response get = stack->Send("GET", "/mcp", "", {});
    EXPECT_EQ(get.status, 405) << "no server-initiated stream is offered";
}

TEST_P(StreamableHttpTest, AnswersSseToAClientThatAcceptsOnlyEventStreams) {
    const std::string session = stack->OpenSession(stack->alice);
    Response sse =
        stack->Send("POST", "/mcp", json::serialize(McpStack::Request(4, "ping", nullptr)),
                    {{"Authorization", "Bearer user-" + std::to_string(stack->alice)},
                     {"Content-Type", "application/json"},
                     {"Accept", "text/event-stream"},
                     {"Mcp-Session-Id", session}});
    EXPECT_EQ(sse.status, 200);
    EXPECT_EQ(sse.headers["content-type"], "text/event-stream");
    EXPECT_EQ(sse.text, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}\n\n");
}

TEST_P(StreamableHttpTest, RecentReviewsAreTheCallersAndAnotherUsersRepositoryIsNotFound) {
    const std::string session = stack->OpenSession(stack->alice);
    json::object result = stack->CallTool(stack->alice, session, "get_recent_reviews",
                                          {{"repo", "acme/api"}, {"limit", 2}});
    EXPECT_EQ(result.at("isError"), false) << FirstText(result);
    const json::object structured = Structured(result);
    const json::array& reviews = structured.at("reviews").as_array();
    ASSERT_EQ(reviews.size(), 2u) << "the limit holds";
    EXPECT_EQ(reviews[0].at("number"), 15) << "newest first";
    EXPECT_EQ(json::parse(FirstText(result)), structured)
        << "the text block repeats the structured output";

    json::object foreign =
        stack->CallTool(stack->alice, session, "get_recent_reviews", {{"repo", "bobs/secret"}});
    EXPECT_EQ(foreign.at("isError"), true);
    EXPECT_EQ(FirstText(foreign), "repository not found or not connected");
    EXPECT_FALSE(foreign.contains("structuredContent")) << "nothing of bob's may leak";
    json::object missing =
        stack->CallTool(stack->alice, session, "get_recent_reviews", {{"repo", "no/such"}});
    EXPECT_EQ(FirstText(missing), FirstText(foreign)) << "unknown and foreign read the same";
}

TEST_P(StreamableHttpTest, ContributorStatsCountPostedReviewsSinceTheDate) {
    const std::string session = stack->OpenSession(stack->alice);
    json::object all = Structured(
        stack->CallTool(stack->alice, session, "get_contributor_stats", {{"repo", "acme/api"}}));
    const json::array& contributors = all.at("contributors").as_array();
    ASSERT_EQ(contributors.size(), 2u);
    EXPECT_EQ(contributors[0].at("author"), "carol");
    EXPECT_EQ(contributors[0].at("reviews"), 2);
    EXPECT_EQ(contributors[0].at("pull_requests"), 1);
    EXPECT_EQ(contributors[0].at("verdicts").at("REQUEST_CHANGES"), 1);
    EXPECT_EQ(contributors[0].at("comments").at("total"), 3);
    EXPECT_EQ(contributors[0].at("comments").at("high"), 1);

    json::object recent =
        Structured(stack->CallTool(stack->alice, session, "get_contributor_stats",
                                   {{"repo", "acme/api"}, {"since", "2024-03-09"}}));
    ASSERT_EQ(recent.at("contributors").as_array().size(), 1u);
    EXPECT_EQ(recent.at("contributors").at(0).at("author"), "dave");

    json::object bad = stack->CallTool(stack->alice, session, "get_contributor_stats",
                                       {{"repo", "acme/api"}, {"since", "last week"}});
    EXPECT_EQ(bad.at("isError"), true) << "argument mistakes are tool errors the model can read";
}

TEST_P(StreamableHttpTest, PrVerdictIsTheLatestPostedReview) {
    const std::string session = stack->OpenSession(stack->alice);
    json::object verdict = Structured(stack->CallTool(stack->alice, session, "get_pr_verdict",
                                                      {{"repo", "acme/api"}, {"number", 12}}));
    EXPECT_EQ(verdict.at("found"), true);
    EXPECT_EQ(verdict.at("verdict"), "APPROVE");
    EXPECT_EQ(verdict.at("history").as_array().size(), 2u);
    EXPECT_EQ(verdict.at("comments").as_array().size(), 1u) << "the chosen review's comments";
    json::object unknown = Structured(stack->CallTool(stack->alice, session, "get_pr_verdict",
                                                      {{"repo", "acme/api"}, {"number", 99}}));
    EXPECT_EQ(unknown.at("found"), false);
    EXPECT_TRUE(unknown.at("verdict").is_null());
}

TEST_P(StreamableHttpTest, RepoHealthReportsReviewsWhenTheGraphIsUnavailable) {
    const std::string session = stack->OpenSession(stack->alice);
    json::object result =
        stack->CallTool(stack->alice, session, "get_repo_health", {{"repo", "acme/api"}});
    EXPECT_EQ(result.at("isError"), false) << FirstText(result);
    json::object health = Structured(result);
    EXPECT_EQ(health.at("reviews").at("total"), 3);
    EXPECT_EQ(health.at("reviews").at("verdicts_all_time").at("APPROVE"), 2);
    EXPECT_EQ(health.at("reviews").at("last_7_days"), 3);
    EXPECT_EQ(health.at("graph").at("available"), false);
    EXPECT_NE(json::value_to<std::string>(health.at("graph").at("note")).find("not available"),
              std::string::npos);

    json::object memory = stack->CallTool(stack->alice, session, "search_memory",
                                          {{"repo", "acme/api"}, {"query", "retries"}});
    EXPECT_EQ(memory.at("isError"), true);
    EXPECT_EQ(FirstText(memory), "memory is not available in this build");
    json::object experts = stack->CallTool(stack->alice, session, "get_file_experts",
                                           {{"repo", "bobs/secret"}, {"paths", json::array{"a"}}});
    EXPECT_EQ(FirstText(experts), "repository not found or not connected")
        << "scope is checked before the graph is asked";
}

TEST_P(StreamableHttpTest, ReviewDiffGoesToTheReviewer) {
    const std::string session = stack->OpenSession(stack->alice);
    json::object result = stack->CallTool(stack->alice, session, "review_diff",
                                          {{"diff", "diff --git a/a.txt b/a.txt\n"}});
    EXPECT_EQ(result.at("isError"), false) << FirstText(result);
    EXPECT_EQ(Structured(result).at("comments").at(0).at("severity"), "high");
    json::object bad = stack->CallTool(stack->alice, session, "review_diff", {{"diff", "hello"}});
    EXPECT_EQ(bad.at("isError"), true);
}

TEST_P(StreamableHttpTest, ResourcesAreTheCallersRepositoriesOnly) {
    const std::string session = stack->OpenSession(stack->alice);
    Response listed =
        stack->Post(stack->alice, McpStack::Request(5, "resources/list", nullptr), session);
    const json::array& resources = listed.body.at("result").at("resources").as_array();
    ASSERT_EQ(resources.size(), 1u) << listed.text;
    EXPECT_EQ(resources[0].at("uri"), "nectr://repos/acme/api/project-map");

    Response read =
        stack->Post(stack->alice,
                    McpStack::Request(6, "resources/read",
                                      json::object{{"uri", "nectr://repos/acme/api/project-map"}}),
                    session);
    const json::value& contents = read.body.at("result").at("contents").at(0);
    EXPECT_EQ(contents.at("mimeType"), "text/markdown");
    const std::string text = json::value_to<std::string>(contents.at("text"));
    EXPECT_NE(text.find("# acme/api"), std::string::npos) << text;
    EXPECT_NE(text.find("#15 Change 15: APPROVE"), std::string::npos) << text;

    Response foreign = stack->Post(
        stack->alice,
        McpStack::Request(7, "resources/read",
                          json::object{{"uri", "nectr://repos/bobs/secret/project-map"}}),
        session);
    EXPECT_EQ(foreign.body.at("error").at("code"), -32002) << foreign.text;

    Response templates = stack->Post(
        stack->alice, McpStack::Request(8, "resources/templates/list", nullptr), session);
    EXPECT_EQ(templates.body.at("result").at("resourceTemplates").at(0).at("uriTemplate"),
              "nectr://repos/{owner}/{repo}/project-map");
}

INSTANTIATE_TEST_SUITE_P(Engines, StreamableHttpTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::mcp::test
