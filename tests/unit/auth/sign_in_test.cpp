// Sign-in with GitHub over loopback, on both engines: the redirect to GitHub, the callback's
// state checks (reused, expired, unknown, missing, from another browser), GitHub's refusals,
// what a successful sign-in records, and the cookies it sets.
#include <gtest/gtest.h>

#include <regex>

#include "auth_fixture.hpp"

namespace nectr::auth::testing {
namespace {

std::map<std::string, std::string> QueryOf(const std::string& url) {
    http::Request parsed;
    parsed.query = url.substr(url.find('?') + 1);
    std::map<std::string, std::string> params;
    for (const char* name : {"client_id", "redirect_uri", "scope", "state", "code", "error"}) {
        if (auto value = parsed.QueryParam(name)) {
            params[name] = *value;
        }
    }
    return params;
}

// The callback URL with its state swapped for another.
std::string WithState(const std::string& callback, const std::string& state) {
    return std::regex_replace(callback, std::regex("state=[0-9a-f]*"), "state=" + state);
}

class SignInTest : public AuthFlowTest {};

TEST_P(SignInTest, SendsTheBrowserToGitHubWithTheAppsParametersAndAFreshState) {
    StartServer();
    Browser browser = NewBrowser();
    BrowserResponse start = browser.Get("/auth/github");
    ASSERT_EQ(start.status, 302) << start.body;
    const std::string location = start.Header("location").value_or("");
    EXPECT_EQ(location.rfind(github.Url() + "/login/oauth/authorize?", 0), 0u) << location;
    auto params = QueryOf(location);
    EXPECT_EQ(params["client_id"], kClientId);
    EXPECT_EQ(params["redirect_uri"], "http://nectr.test/auth/github/callback");
    EXPECT_EQ(params["scope"], "repo read:org");
    EXPECT_TRUE(std::regex_match(params["state"], std::regex("[0-9a-f]{64}"))) << params["state"];

    auto cookie = start.CookieSet("nectr_oauth_state");
    ASSERT_TRUE(cookie) << "the state must be tied to this browser";
    EXPECT_EQ(cookie->value, params["state"]);
    EXPECT_EQ(cookie->Attribute("path"), "/auth/github");
    EXPECT_EQ(cookie->Attribute("max-age"), "300");
    EXPECT_TRUE(cookie->Has("httponly"));
    EXPECT_EQ(cookie->Attribute("samesite"), "Lax");

    const std::int64_t now_ms = core::ToUnixMillis(clock.Now());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM oauth_states WHERE state = $1 AND used = 0 AND "
                    "expires_at = $2",
                    {params["state"], now_ms + 300'000}),
              1);
    EXPECT_NE(QueryOf(browser.Get("/auth/github").Header("location").value_or(""))["state"],
              params["state"])
        << "every sign-in gets its own state";
}

TEST_P(SignInTest, AGoodCallbackRecordsTheUserAndStartsASessionThatMeAccepts) {
    StartServer();
    Browser browser = NewBrowser();
    FakeAccount octocat = Account(583231, "octocat", {11, 12, 13});
    octocat.email = "octocat@example.com";
    BrowserResponse finished = SignIn(browser, octocat);
    EXPECT_EQ(finished.Header("location").value_or(""), "http://app.nectr.test/");

    auto session = finished.CookieSet("nectr_session");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->Attribute("path"), "/");
    EXPECT_EQ(session->Attribute("max-age"), std::to_string(8 * 3600));
    EXPECT_TRUE(session->Has("httponly"));
    EXPECT_EQ(session->Attribute("samesite"), "Lax");
    EXPECT_FALSE(session->Has("secure")) << "SESSION_COOKIE_SECURE is off in this test";
    auto state = finished.CookieSet("nectr_oauth_state");
    ASSERT_TRUE(state) << "the state cookie has served its purpose";
    EXPECT_EQ(state->Attribute("max-age"), "0");

    BrowserResponse me = browser.Get("/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    auto profile = Json(me);
    EXPECT_EQ(profile["login"], "octocat");
    EXPECT_EQ(profile["name"], "Name of octocat");
    EXPECT_EQ(profile["email"], "octocat@example.com");
    EXPECT_EQ(profile["avatar_url"], "https://avatars.example/u/583231");
    const std::int64_t user_id = profile["id"].as_int64();
    EXPECT_EQ(Count("SELECT id FROM users WHERE github_id = 583231"), user_id);

    EXPECT_EQ(Count("SELECT COUNT(*) FROM user_app_installations WHERE user_id = $1 AND "
                    "installation_id IN (11, 12, 13)",
                    {user_id}),
              3);
    store::Rows token = Query("SELECT access_token_encrypted FROM users WHERE id = $1", {user_id});
    ASSERT_EQ(token.size(), 1u);
    const std::string sealed = store::AsText(token.rows[0][0]).value_or("");
    EXPECT_EQ(sealed.find("gho_"), std::string::npos) << "the GitHub token is stored sealed";
    auto opened = sealer->Open(sealed);
    ASSERT_TRUE(opened) << opened.error().detail;
    EXPECT_EQ(opened->rfind("gho_", 0), 0u);
    EXPECT_EQ(browser.Get(github.Url() + "/user", {{"Authorization", "Bearer " + *opened}}).status,
              200)
        << "the sealed token is the one GitHub issued";
}

TEST_P(SignInTest, TheSessionCookieIsSecureWhenConfigured) {
    deps.cookie_secure = true;
    StartServer();
    Browser browser = NewBrowser();
    github.SignInAs(Account(7, "mona"));
    BrowserResponse start = browser.Get("/auth/github");
    EXPECT_TRUE(start.CookieSet("nectr_oauth_state")->Has("secure"));
    BrowserResponse authorize = browser.Get(start.Header("location").value_or(""));
    BrowserResponse finished = browser.Get(authorize.Header("location").value_or(""));
    ASSERT_EQ(finished.status, 302) << finished.body;
    ASSERT_TRUE(finished.CookieSet("nectr_session"));
    EXPECT_TRUE(finished.CookieSet("nectr_session")->Has("secure"));
}

TEST_P(SignInTest, SigningInAgainRefreshesTheUserAndReplacesTheirInstallations) {
    StartServer();
    Browser browser = NewBrowser();
    SignIn(browser, Account(42, "old-login", {1, 2}));
    SignIn(browser, Account(42, "new-login", {2, 3}));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), 1);
    EXPECT_EQ(Json(browser.Get("/auth/me"))["login"], "new-login");
    store::Rows grants = Query(
        "SELECT g.installation_id FROM user_app_installations g JOIN users u ON u.id = g.user_id "
        "WHERE u.github_id = 42 ORDER BY g.installation_id");
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(store::AsInt(grants.rows[0][0]), 2);
    EXPECT_EQ(store::AsInt(grants.rows[1][0]), 3);

    FakeAccount refused = Account(42, "new-login", {2, 3});
    refused.installations_status = 403;
    SignIn(browser, refused);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM user_app_installations"), 0)
        << "GitHub's 403 means the user reaches no installation";
}

TEST_P(SignInTest, AReusedStateIsRefused) {
    StartServer();
    Browser browser = NewBrowser();
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    const std::string state = browser.Cookie("nectr_oauth_state").value_or("");
    ASSERT_EQ(browser.Get(callback).status, 302);

    browser.ForgetCookies();
    browser.SetCookieValue("nectr_oauth_state", state, "/auth/github");
    BrowserResponse again = browser.Get(callback);
    EXPECT_EQ(again.status, 400);
    EXPECT_NE(again.body.find("already used"), std::string::npos) << again.body;
    EXPECT_EQ(again.Header("content-type").value_or(""), "text/html; charset=utf-8");
    EXPECT_FALSE(again.CookieSet("nectr_session")) << "a refused callback starts no session";
}

TEST_P(SignInTest, AnExpiredStateIsRefused) {
    StartServer();
    Browser browser = NewBrowser();
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    clock.Advance(5min + 1s);
    BrowserResponse late = browser.Get(callback);
    EXPECT_EQ(late.status, 400);
    EXPECT_NE(late.body.find("expired"), std::string::npos) << late.body;
    EXPECT_FALSE(browser.Cookie("nectr_session"));
    EXPECT_TRUE(github.Seen("/login/oauth/access_token").empty())
        << "no code is exchanged for a refused state";
}

TEST_P(SignInTest, AStateJustInsideItsFiveMinutesIsAccepted) {
    StartServer();
    Browser browser = NewBrowser();
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    clock.Advance(5min - 1s);
    EXPECT_EQ(browser.Get(callback).status, 302);
}

TEST_P(SignInTest, AnUnknownStateIsRefusedEvenWithAMatchingCookie) {
    StartServer();
    Browser browser = NewBrowser();
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    const std::string forged(64, 'a');
    browser.SetCookieValue("nectr_oauth_state", forged, "/auth/github");
    BrowserResponse response = browser.Get(WithState(callback, forged));
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_FALSE(browser.Cookie("nectr_session"));
}

TEST_P(SignInTest, AMissingStateOrCodeIsRefused) {
    StartServer();
    Browser browser = NewBrowser();
    EXPECT_EQ(browser.Get("/auth/github/callback").status, 400);
    EXPECT_EQ(browser.Get("/auth/github/callback?code=abc").status, 400);
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    const std::string state = QueryOf(callback)["state"];
    EXPECT_EQ(browser.Get("/auth/github/callback?state=" + state).status, 400);
}

TEST_P(SignInTest, ACallbackFromAnotherBrowserIsRefusedAndLeavesTheStateToItsOwner) {
    StartServer();
    Browser victim = NewBrowser();
    Browser attacker = NewBrowser();
    const std::string callback = StartSignIn(attacker, Account(666, "mallory"));
    BrowserResponse planted = victim.Get(callback);
    EXPECT_EQ(planted.status, 400) << "a sign-in link must not sign someone else in";
    EXPECT_FALSE(victim.Cookie("nectr_session"));
    EXPECT_EQ(attacker.Get(callback).status, 302);
}

TEST_P(SignInTest, ADeclinedAuthorizationIsAClearRefusal) {
    StartServer();
    Browser browser = NewBrowser();
    BrowserResponse start = browser.Get("/auth/github");
    github.Decline();
    BrowserResponse authorize = browser.Get(start.Header("location").value_or(""));
    const std::string callback = authorize.Header("location").value_or("");
    ASSERT_NE(callback.find("error=access_denied"), std::string::npos) << callback;
    BrowserResponse declined = browser.Get(callback);
    EXPECT_EQ(declined.status, 400);
    EXPECT_NE(declined.body.find("declined"), std::string::npos) << declined.body;
    EXPECT_FALSE(browser.Cookie("nectr_session"));
}

TEST_P(SignInTest, OtherGitHubErrorsAreShownWithoutEchoingTheQuery) {
    StartServer();
    Browser browser = NewBrowser();
    BrowserResponse response = browser.Get(
        "/auth/github/"
        "callback?error=application_suspended&error_description=Call+%3Cb%3Eus%3C%2Fb%3E");
    EXPECT_EQ(response.status, 502);
    EXPECT_NE(response.body.find("application_suspended"), std::string::npos);
    EXPECT_EQ(response.body.find("us</b>"), std::string::npos) << response.body;
    EXPECT_EQ(response.body.find("Call"), std::string::npos)
        << "the description is anyone's text: " << response.body;
}

TEST_P(SignInTest, ACodeGitHubDoesNotAcceptIsA400) {
    StartServer();
    Browser browser = NewBrowser();
    const std::string callback = StartSignIn(browser, Account(1, "alice"));
    const std::string state = QueryOf(callback)["state"];
    BrowserResponse response =
        browser.Get("/auth/github/callback?code=not-a-code-github-issued&state=" + state);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_NE(response.body.find("did not accept"), std::string::npos) << response.body;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), 0);
}

TEST_P(SignInTest, GitHubRefusingTheAppIsA502) {
    deps.app.client_secret = "a-secret-github-does-not-know";
    StartServer();
    Browser browser = NewBrowser();
    BrowserResponse response = browser.Get(StartSignIn(browser, Account(1, "alice")));
    EXPECT_EQ(response.status, 502) << response.body;
    EXPECT_NE(response.body.find("incorrect_client_credentials"), std::string::npos);
    EXPECT_EQ(response.body.find("a-secret-github-does-not-know"), std::string::npos);
    EXPECT_FALSE(browser.Cookie("nectr_session"));
}

TEST_P(SignInTest, AnUnreachableGitHubIsA502Page) {
    deps.app.web_url = "http://127.0.0.1:1";
    StartServer();
    Browser browser = NewBrowser();
    ASSERT_EQ(browser.Get("/auth/github").status, 302);
    const std::string state = browser.Cookie("nectr_oauth_state").value_or("");
    BrowserResponse response = browser.Get("/auth/github/callback?code=c&state=" + state);
    EXPECT_EQ(response.status, 502) << response.body;
    EXPECT_EQ(response.Header("content-type").value_or(""), "text/html; charset=utf-8");
}

TEST_P(SignInTest, WithoutAnOAuthAppSignInSaysItIsNotConfigured) {
    deps.app.client_id.clear();
    deps.app.client_secret.clear();
    StartServer();
    Browser browser = NewBrowser();
    for (const char* path : {"/auth/github", "/auth/github/callback?code=c&state=s"}) {
        BrowserResponse response = browser.Get(path);
        EXPECT_EQ(response.status, 503) << path;
        EXPECT_NE(response.body.find("not configured"), std::string::npos) << response.body;
        EXPECT_NE(response.body.find("GITHUB_CLIENT_ID"), std::string::npos) << response.body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM oauth_states"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, SignInTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::auth::testing
