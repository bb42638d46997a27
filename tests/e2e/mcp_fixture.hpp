#pragma once

// What the MCP end-to-end tests share: a real `nectr serve` on which Alice connected the
// repository of one of GitHub's pull request examples (which Nectr then reviewed and posted) and
// Bob connected another, each with a personal API token made through the API; and MCP clients
// from npm run as node processes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "support/review_scenario.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {

class McpScenarioTest : public ReviewScenarioTest {
protected:
    static constexpr const char* kBackend = "http://nectr.test";
    static constexpr const char* kOtherRepo = "bob-org/beta";

    void SetUp() override {
        ReviewScenarioTest::SetUp();
        if (std::system("node --version > /dev/null 2>&1") != 0) {
            GTEST_SKIP() << "node is not installed";
        }
        BeforeServe();
        if (HasFatalFailure()) {
            return;
        }
        std::map<std::string, std::string> env{
            {"GITHUB_WEBHOOK_SECRET", ""},
            {"GITHUB_TOKEN", ""},
            {"GITHUB_WEB_URL", github_fake->ApiUrl()},
            {"GITHUB_CLIENT_ID", "Iv1.e2eclient"},
            {"GITHUB_CLIENT_SECRET", "e2e-client-secret-for-the-fake"},
            {"SECRET_KEY", "an end-to-end secret key that is long enough"},
            {"BACKEND_URL", kBackend}};
        for (const auto& [key, value] : ExtraServeEnv()) {
            env[key] = value;
        }
        StartServe(1, env);
        ASSERT_FALSE(base_url.empty()) << Logs();
        ConnectAndReview();
    }

    // Hooks for tests that need more around the review: peers started before `nectr serve`,
    // settings it gets, and changes to the pull request GitHub serves.
    virtual void BeforeServe() {}
    virtual std::map<std::string, std::string> ExtraServeEnv() { return {}; }
    virtual void AdjustPull(boost::json::object& /*pull_request*/) {}

    static std::string NodeDir() { return std::string(NECTR_SOURCE_DIR) + "/tests/node"; }

    // Alice connects the example's repository and its pull request is reviewed; Bob connects
    // kOtherRepo. Sets repo, number, alice_token and bob_token.
    void ConnectAndReview() {
        std::string body;
        for (const SignedExample& example : SignGitHubExamples("unused", {"pull_request"})) {
            if (RoutedToReview(example)) {
                pull = PullOf(example);
                body = example.body;
                break;
            }
        }
        ASSERT_TRUE(pull);
        repo = pull->repo;
        AdjustPull(pull->pull_request.as_object());
        github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
        github_fake->RegisterAccount(
            "code-alice", "gho_alice_mcp_token", {{"id", 1001}, {"login", "alice"}},
            {boost::json::object{{"full_name", repo}, {"id", 501}, {"admin", true}}});
        github_fake->RegisterAccount(
            "code-bob", "gho_bob_mcp_token", {{"id", 1002}, {"login", "bob"}},
            {boost::json::object{{"full_name", kOtherRepo}, {"id", 502}, {"admin", true}}});
        alice_token = SignInForToken("code-alice");
        bob_token = SignInForToken("code-bob");
        ASSERT_FALSE(alice_token.empty());
        ASSERT_FALSE(bob_token.empty());
        ASSERT_EQ(Call("POST", "/api/v1/repos/" + repo + "/install", alice_token).status, 201)
            << Logs();
        ASSERT_EQ(
            Call("POST", "/api/v1/repos/" + std::string(kOtherRepo) + "/install", bob_token).status,
            201);
        const std::string secret = HookSecret(repo);
        ASSERT_FALSE(secret.empty());
        HttpResult delivered =
            Deliver(base_url, "pull_request", body, webhooks::SignBody(secret, body), "mcp-1");
        ASSERT_EQ(delivered.status, 202) << delivered.body;
        ASSERT_TRUE(WaitUntil(
            [this] {
                return QueryInt("SELECT COUNT(*) FROM reviews WHERE status = 'posted'") == 1;
            },
            std::chrono::seconds(90), Processes()))
            << Logs();
    }

    HttpResult Call(const std::string& method, const std::string& path, const std::string& token) {
        return HttpRequest(method, base_url + path, "", {{"Authorization", "Bearer " + token}});
    }

    std::optional<ExamplePull> pull;
    std::string repo;
    std::string alice_token;
    std::string bob_token;

private:
    static std::string CookiePair(const std::vector<std::string>& cookies,
                                  const std::string& name) {
        for (const std::string& cookie : cookies) {
            if (cookie.rfind(name + "=", 0) == 0) {
                return cookie.substr(0, cookie.find(';'));
            }
        }
        return "";
    }

    static std::string QueryValue(const std::string& url, const std::string& key) {
        std::smatch match;
        const std::regex pattern("[?&]" + key + "=([^&]*)");
        return std::regex_search(url, match, pattern) ? match[1].str() : "";
    }

    // Signs in with GitHub's web flow and makes a personal API token; empty on failure.
    std::string SignInForToken(const std::string& code) {
        HttpResult start = HttpRequest("GET", base_url + "/auth/github");
        const std::string state = QueryValue(start.headers["location"], "state");
        HttpResult back =
            HttpRequest("GET", base_url + "/auth/github/callback?code=" + code + "&state=" + state,
                        "", {{"Cookie", CookiePair(start.cookies, "nectr_oauth_state")}});
        const std::string session = CookiePair(back.cookies, "nectr_session");
        EXPECT_FALSE(session.empty()) << back.body;
        HttpResult made = HttpRequest(
            "POST", base_url + "/api/v1/tokens", R"({"name":"mcp"})",
            {{"Cookie", session}, {"Origin", kBackend}, {"Content-Type", "application/json"}});
        EXPECT_EQ(made.status, 201) << made.body;
        if (made.status != 201) {
            return "";
        }
        return std::string(boost::json::parse(made.body).at("token").as_string());
    }

    std::string HookSecret(const std::string& name) {
        const boost::json::object state = github_fake->State();
        for (const boost::json::value& hook : state.at("hooks").as_array()) {
            if (hook.at("repo") == name.c_str() && !hook.at("deleted").as_bool()) {
                return std::string(hook.at("config").at("secret").as_string());
            }
        }
        return "";
    }
};

}  // namespace nectr::testing
