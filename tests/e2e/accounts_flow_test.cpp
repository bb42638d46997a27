// Accounts end to end, through the real `nectr serve`: two users sign in with GitHub's OAuth
// web flow (the GitHub fake plays github.com and the REST API), make personal API tokens,
// connect repositories (Nectr creates the webhook with a fresh secret it stores encrypted), a
// delivery signed with that secret is accepted and reviewed with the connecting user's token,
// and neither user can see or touch the other's repositories, reviews, events, analytics or
// tokens. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <regex>

#include "support/review_scenario.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr const char* kBackend = "http://nectr.test";

// One signed-in user as the browser and a script see them.
struct User {
    std::string session;  // "nectr_session=..." for a Cookie header
    std::string token;    // a personal API token
};

// "name=value" of the cookie `name` among Set-Cookie values; empty when absent.
std::string CookiePair(const std::vector<std::string>& cookies, const std::string& name) {
    for (const std::string& cookie : cookies) {
        if (cookie.rfind(name + "=", 0) == 0) {
            return cookie.substr(0, cookie.find(';'));
        }
    }
    return "";
}

std::string QueryValue(const std::string& url, const std::string& key) {
    std::smatch match;
    const std::regex pattern("[?&]" + key + "=([^&]*)");
    return std::regex_search(url, match, pattern) ? match[1].str() : "";
}

class AccountsFlowTest : public ReviewScenarioTest {
protected:
    void SetUp() override {
        ReviewScenarioTest::SetUp();
        // No app-wide secret or token: only what users connect counts.
        StartServe(1, {{"GITHUB_WEBHOOK_SECRET", ""},
                       {"GITHUB_TOKEN", ""},
                       {"GITHUB_WEB_URL", github_fake->ApiUrl()},
                       // Scans are not what this test is about: keep git off the fake.
                       {"GITHUB_GIT_URL", "http://127.0.0.1:9"},
                       {"GITHUB_CLIENT_ID", "Iv1.e2eclient"},
                       {"GITHUB_CLIENT_SECRET", "e2e-client-secret-for-the-fake"},
                       {"SECRET_KEY", "an end-to-end secret key that is long enough"},
                       {"BACKEND_URL", kBackend}});
        ASSERT_FALSE(base_url.empty()) << Logs();
    }

    HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "") {
        std::vector<std::pair<std::string, std::string>> headers = {
            {"Authorization", "Bearer " + token}};
        if (!body.empty()) {
            headers.push_back({"Content-Type", "application/json"});
        }
        return HttpRequest(method, base_url + path, body, headers);
    }

    // Signs in through /auth/github and the callback, then makes an API token.
    User SignIn(const std::string& code) {
        User user;
        HttpResult start = HttpRequest("GET", base_url + "/auth/github");
        EXPECT_EQ(start.status, 302) << start.body;
        const std::string location = start.headers["location"];
        EXPECT_EQ(location.rfind(github_fake->ApiUrl() + "/login/oauth/authorize?", 0), 0u)
            << location;
        const std::string state = QueryValue(location, "state");
        const std::string state_cookie = CookiePair(start.cookies, "nectr_oauth_state");
        EXPECT_FALSE(state.empty());
        EXPECT_FALSE(state_cookie.empty());

        HttpResult back =
            HttpRequest("GET", base_url + "/auth/github/callback?code=" + code + "&state=" + state,
                        "", {{"Cookie", state_cookie}});
        EXPECT_EQ(back.status, 302) << back.body;
        user.session = CookiePair(back.cookies, "nectr_session");
        EXPECT_FALSE(user.session.empty()) << back.body;

        HttpResult made = HttpRequest(
            "POST", base_url + "/api/v1/tokens", R"({"name":"e2e"})",
            {{"Cookie", user.session}, {"Origin", kBackend}, {"Content-Type", "application/json"}});
        EXPECT_EQ(made.status, 201) << made.body;
        if (made.status == 201) {
            user.token = std::string(json::parse(made.body).at("token").as_string());
        }
        return user;
    }

    // The secret GitHub holds for the live hook of `repo`, as Nectr sent it.
    std::string HookSecret(const std::string& repo) {
        const json::object state = github_fake->State();
        for (const json::value& hook : state.at("hooks").as_array()) {
            if (hook.at("repo") == repo.c_str() && !hook.at("deleted").as_bool()) {
                return std::string(hook.at("config").at("secret").as_string());
            }
        }
        return "";
    }
};

TEST_P(AccountsFlowTest, UsersConnectRepositoriesAndSeeOnlyTheirOwn) {
    const auto examples = SignGitHubExamples("unused", {"pull_request"});
    std::optional<ExamplePull> pull;
    std::string body;
    for (const SignedExample& example : examples) {
        if (RoutedToReview(example)) {
            pull = PullOf(example);
            body = example.body;
            break;
        }
    }
    ASSERT_TRUE(pull);
    const std::string alpha = pull->repo;  // the example's repository: Alice connects it
    const std::string beta = "bob-org/beta";
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
    github_fake->RegisterAccount(
        "code-alice", "gho_alice_e2e_token", {{"id", 1001}, {"login", "alice"}},
        {json::object{{"full_name", alpha}, {"id", 501}, {"admin", true}}});
    github_fake->RegisterAccount("code-bob", "gho_bob_e2e_token", {{"id", 1002}, {"login", "bob"}},
                                 {json::object{{"full_name", beta}, {"id", 502}, {"admin", true}}});

    const User alice = SignIn("code-alice");
    const User bob = SignIn("code-bob");
    ASSERT_FALSE(alice.token.empty());
    ASSERT_FALSE(bob.token.empty());

    // A code is good once: the second use of Alice's fails cleanly.
    HttpResult again = HttpRequest("GET", base_url + "/auth/github");
    HttpResult replay =
        HttpRequest("GET",
                    base_url + "/auth/github/callback?code=code-alice&state=" +
                        QueryValue(again.headers["location"], "state"),
                    "", {{"Cookie", CookiePair(again.cookies, "nectr_oauth_state")}});
    EXPECT_EQ(replay.status, 400) << replay.body;

    HttpResult me = Call("GET", "/auth/me", alice.token);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(json::parse(me.body).at("login"), "alice");

    // Connecting: a webhook with a fresh secret, stored encrypted.
    HttpResult connected = Call("POST", "/api/v1/repos/" + alpha + "/install", alice.token);
    ASSERT_EQ(connected.status, 201) << connected.body << Logs();
    ASSERT_EQ(Call("POST", "/api/v1/repos/" + beta + "/install", bob.token).status, 201);
    const std::string secret = HookSecret(alpha);
    ASSERT_EQ(secret.size(), 64u);
    EXPECT_EQ(
        QueryInt("SELECT COUNT(*) FROM installations WHERE webhook_secret LIKE '%" + secret + "%'"),
        0)
        << "the webhook secret must not be stored in the clear";
    EXPECT_EQ(Call("POST", "/api/v1/repos/" + alpha + "/install", bob.token).status, 404)
        << "Bob cannot see Alice's repository on GitHub, so he cannot connect it";

    // A delivery signed with another secret is refused; one with the hook's is reviewed with
    // Alice's token, since no app-wide token is configured.
    EXPECT_EQ(
        Deliver(base_url, "pull_request", body, webhooks::SignBody("guess", body), "d-0").status,
        401);
    HttpResult delivered =
        Deliver(base_url, "pull_request", body, webhooks::SignBody(secret, body), "d-1");
    ASSERT_EQ(delivered.status, 202) << delivered.body;
    ASSERT_TRUE(WaitForReviews(1, seconds(60))) << Logs();
    bool posted_as_alice = false;
    const json::object traffic = github_fake->State();
    for (const json::value& request : traffic.at("requests").as_array()) {
        if (request.at("method") == "POST" &&
            std::string(request.at("url").as_string()).find("/reviews") != std::string::npos) {
            posted_as_alice = request.at("token") == "gho_alice_e2e_token";
        }
    }
    EXPECT_TRUE(posted_as_alice) << "the review must be posted with the connecting user's token";
    ASSERT_TRUE(WaitUntil(
        [this] { return QueryInt("SELECT COUNT(*) FROM reviews WHERE status = 'posted'") == 1; },
        seconds(30), Processes()))
        << Logs();
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE kind = 'scan_repository'"), 2)
        << "each connection queues the repository's initial scan";

    // Alice sees her review, event and analytics; Bob sees none of them, whatever he asks.
    HttpResult mine = Call("GET", "/api/v1/reviews", alice.token);
    ASSERT_EQ(mine.status, 200) << mine.body;
    const json::array reviews = json::parse(mine.body).at("reviews").as_array();
    ASSERT_EQ(reviews.size(), 1u) << mine.body;
    const std::string review_id = std::to_string(reviews[0].at("id").to_number<std::int64_t>());
    EXPECT_EQ(Call("GET", "/api/v1/reviews/" + review_id, alice.token).status, 200);

    HttpResult theirs = Call("GET", "/api/v1/reviews?repo=" + alpha, bob.token);
    ASSERT_EQ(theirs.status, 200);
    EXPECT_TRUE(json::parse(theirs.body).at("reviews").as_array().empty()) << theirs.body;
    EXPECT_EQ(Call("GET", "/api/v1/reviews/" + review_id, bob.token).status, 404);
    HttpResult events = Call("GET", "/api/v1/events", bob.token);
    ASSERT_EQ(events.status, 200);
    EXPECT_TRUE(json::parse(events.body).at("events").as_array().empty()) << events.body;
    EXPECT_FALSE(json::parse(Call("GET", "/api/v1/events", alice.token).body)
                     .at("events")
                     .as_array()
                     .empty());
    EXPECT_EQ(Call("GET", "/api/v1/analytics?repo=" + alpha, bob.token).status, 404);
    EXPECT_EQ(Call("GET", "/api/v1/analytics?repo=" + alpha, alice.token).status, 200);

    // Bob can neither disconnect Alice's repository nor revoke her token.
    EXPECT_EQ(Call("DELETE", "/api/v1/repos/" + alpha + "/install", bob.token).status, 404);
    HttpResult tokens = Call("GET", "/api/v1/tokens", alice.token);
    ASSERT_EQ(tokens.status, 200) << tokens.body;
    const std::string alice_token_id = std::to_string(
        json::parse(tokens.body).at("tokens").as_array().at(0).at("id").to_number<std::int64_t>());
    EXPECT_EQ(Call("DELETE", "/api/v1/tokens/" + alice_token_id, bob.token).status, 404);
    EXPECT_EQ(Call("GET", "/auth/me", alice.token).status, 200) << "Alice's token still works";

    // Signing out revokes the session; disconnecting removes the hook.
    EXPECT_EQ(HttpRequest("POST", base_url + "/auth/logout", "",
                          {{"Cookie", alice.session}, {"Origin", kBackend}})
                  .status,
              204);
    EXPECT_EQ(HttpRequest("GET", base_url + "/auth/me", "", {{"Cookie", alice.session}}).status,
              401);
    EXPECT_EQ(Call("DELETE", "/api/v1/repos/" + alpha + "/install", alice.token).status, 204);
    EXPECT_TRUE(HookSecret(alpha).empty()) << "the webhook is deleted on GitHub";

    const json::object final_state = github_fake->State();
    EXPECT_TRUE(final_state.at("violations").as_array().empty())
        << "Prism found requests that break GitHub's description: "
        << json::serialize(final_state.at("violations"));
    EXPECT_TRUE(final_state.at("errors").as_array().empty())
        << json::serialize(final_state.at("errors"));
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountsFlowTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
