// Sessions over loopback, on both engines: /auth/me, sign-out and its revocation, the
// cross-site check on cookie-authenticated writes, and sessions that no longer stand.
#include <gtest/gtest.h>

#include "auth_fixture.hpp"

namespace nectr::auth::testing {
namespace {

class SessionTest : public AuthFlowTest {
protected:
    void SetUp() override {
        AuthFlowTest::SetUp();
        StartServer();
    }
};

TEST_P(SessionTest, MeIs401WithoutASession) {
    Browser browser = NewBrowser();
    BrowserResponse me = browser.Get("/auth/me");
    EXPECT_EQ(me.status, 401);
    EXPECT_EQ(me.Header("www-authenticate").value_or(""), "Bearer realm=\"nectr\"");
    browser.SetCookieValue("nectr_session", "not.a.jwt");
    EXPECT_EQ(browser.Get("/auth/me").status, 401);
}

TEST_P(SessionTest, ASessionSignedWithAnotherKeyIsRefused) {
    auto other_keys = KeyRing::Create("another-secret-key-that-nectr-does-not-use", {});
    ASSERT_TRUE(other_keys);
    SessionSigner other(*other_keys, kBackend, kSessionTtl, clock);
    Browser browser = NewBrowser();
    SignIn(browser, Account(5, "eve"));
    browser.SetCookieValue("nectr_session", other.Issue(1, "eve"));
    EXPECT_EQ(browser.Get("/auth/me").status, 401);
}

TEST_P(SessionTest, LogoutRevokesTheSessionAndClearsTheCookie) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    const std::string session = browser.Cookie("nectr_session").value_or("");
    ASSERT_EQ(browser.Get("/auth/me").status, 200);

    BrowserResponse out = FromDashboard(browser, "POST", "/auth/logout");
    EXPECT_EQ(out.status, 204) << out.body;
    auto cleared = out.CookieSet("nectr_session");
    ASSERT_TRUE(cleared);
    EXPECT_EQ(cleared->value, "");
    EXPECT_EQ(cleared->Attribute("max-age"), "0");
    EXPECT_EQ(cleared->Attribute("path"), "/");
    EXPECT_FALSE(browser.Cookie("nectr_session"));

    auto claims = signer->Verify(session);
    ASSERT_TRUE(claims);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM revoked_sessions WHERE jti = $1 AND expires_at >= $2",
                    {claims->jti, claims->expires_at * 1000}),
              1);

    browser.SetCookieValue("nectr_session", session);  // a copy that survived
    EXPECT_EQ(browser.Get("/auth/me").status, 401) << "a signed-out session stays out";
    EXPECT_EQ(FromDashboard(browser, "POST", "/auth/logout").status, 204)
        << "signing out twice is harmless";
}

TEST_P(SessionTest, LogoutOnlyEndsItsOwnSession) {
    Browser laptop = NewBrowser();
    Browser phone = NewBrowser();
    SignIn(laptop, Account(9, "bob"));
    SignIn(phone, Account(9, "bob"));
    ASSERT_EQ(FromDashboard(laptop, "POST", "/auth/logout").status, 204);
    EXPECT_EQ(phone.Get("/auth/me").status, 200);
}

TEST_P(SessionTest, LogoutWithoutASessionIsStill204) {
    Browser browser = NewBrowser();
    EXPECT_EQ(browser.Send("POST", "/auth/logout", "", {}).status, 204);
}

TEST_P(SessionTest, LogoutFromAnotherSitesPageIsForbidden) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    BrowserResponse forged =
        browser.Send("POST", "/auth/logout", "", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(browser.Get("/auth/me").status, 200) << "the session must survive a forged logout";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM revoked_sessions"), 0);
}

TEST_P(SessionTest, CookieWritesMustComeFromTheBackendOrTheFrontend) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    auto post = [&](std::vector<std::pair<std::string, std::string>> headers) {
        return browser.Send("POST", "/api/v1/things", "{}", std::move(headers)).status;
    };
    EXPECT_EQ(post({}), 403) << "no Origin and no Referer";
    EXPECT_EQ(post({{"Origin", "https://evil.example"}}), 403);
    EXPECT_EQ(post({{"Origin", "null"}}), 403);
    EXPECT_EQ(post({{"Origin", "http://nectr.test.evil.example"}}), 403);
    EXPECT_EQ(post({{"Origin", "https://app.nectr.test"}}), 403) << "another scheme";
    EXPECT_EQ(post({{"Origin", "http://app.nectr.test"}}), 200);
    EXPECT_EQ(post({{"Origin", "http://NECTR.test"}}), 200);
    EXPECT_EQ(post({{"Referer", "http://app.nectr.test/settings/tokens"}}), 200);
    EXPECT_EQ(post({{"Origin", "https://evil.example"}, {"Referer", "http://nectr.test/"}}), 403)
        << "Origin, when sent, is what counts";
    EXPECT_EQ(browser.Get("/auth/me").status, 200) << "reads need no Origin";
}

TEST_P(SessionTest, TheCallerOfASessionIsTheSignedInUser) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    BrowserResponse response = FromDashboard(browser, "POST", "/api/v1/things", "{}");
    ASSERT_EQ(response.status, 200) << response.body;
    auto caller = Json(response);
    EXPECT_EQ(caller["login"], "bob");
    EXPECT_EQ(caller["via"], "session");
    EXPECT_EQ(caller["user_id"].as_int64(), Count("SELECT id FROM users WHERE github_id = 9"));
}

TEST_P(SessionTest, AnExpiredSessionIsRefused) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    clock.Advance(kSessionTtl + kSessionLeeway + 1s);
    EXPECT_EQ(browser.Get("/auth/me").status, 401);
}

TEST_P(SessionTest, TheSessionOfADeletedUserIsRefused) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    Query("DELETE FROM users WHERE github_id = 9");
    EXPECT_EQ(browser.Get("/auth/me").status, 401);
}

TEST_P(SessionTest, AnAuthorizationHeaderThatIsNoApiTokenIsRefusedNotSkipped) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(9, "bob"));
    BrowserResponse response =
        browser.Send("GET", "/auth/me", "", {{"Authorization", "Bearer ghp_notours"}});
    EXPECT_EQ(response.status, 401) << "the cookie must not stand in for a bad token";
    EXPECT_EQ(browser.Send("GET", "/auth/me", "", {{"Authorization", "Basic Ym9iOng="}}).status,
              401);
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::auth::testing
