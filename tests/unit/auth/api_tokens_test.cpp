// Personal API tokens over loopback, on both engines: creation (shown once, from a session
// only), listing without secrets, use, expiry, revocation, and that one user cannot touch
// another's tokens.
#include <gtest/gtest.h>

#include <regex>

#include "auth_fixture.hpp"

namespace nectr::auth::testing {
namespace {

class ApiTokensTest : public AuthFlowTest {
protected:
    void SetUp() override {
        AuthFlowTest::SetUp();
        StartServer();
    }

    // Creates a token from `browser`'s session; returns the creation answer.
    boost::json::object Create(Browser& browser, const std::string& body) {
        BrowserResponse created = FromDashboard(browser, "POST", "/api/v1/tokens", body);
        EXPECT_EQ(created.status, 201) << created.body;
        return Json(created);
    }

    boost::json::array List(Browser& browser) {
        BrowserResponse listed = browser.Get("/api/v1/tokens");
        EXPECT_EQ(listed.status, 200) << listed.body;
        auto object = Json(listed);
        return object.contains("tokens") ? object["tokens"].as_array() : boost::json::array();
    }
};

TEST_P(ApiTokensTest, ACreatedTokenIsShownOnceListedWithoutSecretsAndWorks) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    auto created = Create(browser, R"({"name": "laptop script"})");
    const std::string token(created["token"].as_string());
    EXPECT_TRUE(std::regex_match(token, std::regex("nectr_[0-9A-Za-z]{40}"))) << token;
    EXPECT_EQ(created["name"], "laptop script");
    EXPECT_EQ(created["prefix"].as_string(), token.substr(0, 12));
    EXPECT_TRUE(created["expires_at"].is_null());
    EXPECT_EQ(created["revoked"], false);
    EXPECT_EQ(created["created_at"], "2023-11-14T22:13:20.000Z");

    BrowserResponse listed = browser.Get("/api/v1/tokens");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(token), std::string::npos) << "the token is shown only once";
    store::Rows hashes = Query("SELECT token_hash FROM api_tokens");
    ASSERT_EQ(hashes.size(), 1u);
    const std::string hash = store::AsText(hashes.rows[0][0]).value_or("");
    ASSERT_FALSE(hash.empty());
    EXPECT_EQ(hash.find("nectr_"), std::string::npos) << "only a hash is stored";
    EXPECT_EQ(listed.body.find(hash), std::string::npos) << "the hash never leaves the store";
    auto tokens = List(browser);
    ASSERT_EQ(tokens.size(), 1u);
    auto& entry = tokens[0].as_object();
    EXPECT_EQ(entry["id"], created["id"]);
    EXPECT_EQ(entry["prefix"], created["prefix"]);
    EXPECT_TRUE(entry["last_used_at"].is_null());
    EXPECT_FALSE(entry.contains("token"));

    BrowserResponse me = WithToken("GET", "/auth/me", token);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(Json(me)["login"], "alice");
    BrowserResponse write = WithToken("POST", "/api/v1/things", token, "{}");
    ASSERT_EQ(write.status, 200) << "a token needs no Origin: browsers never send it by themselves";
    EXPECT_EQ(Json(write)["via"], "token");
    EXPECT_EQ(List(browser)[0].as_object()["last_used_at"], "2023-11-14T22:13:20.000Z");
}

TEST_P(ApiTokensTest, ARevokedTokenIsRefused) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    auto created = Create(browser, R"({"name": "ci"})");
    const std::string token(created["token"].as_string());
    const std::string path = "/api/v1/tokens/" + std::to_string(created["id"].as_int64());
    ASSERT_EQ(WithToken("GET", "/auth/me", token).status, 200);

    EXPECT_EQ(FromDashboard(browser, "DELETE", path).status, 204);
    EXPECT_EQ(WithToken("GET", "/auth/me", token).status, 401);
    EXPECT_EQ(List(browser)[0].as_object()["revoked"], true);
    EXPECT_EQ(FromDashboard(browser, "DELETE", path).status, 204) << "revoking again is harmless";
}

TEST_P(ApiTokensTest, ATokenCanRevokeItselfButCannotMintOthers) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    auto created = Create(browser, R"({"name": "ci"})");
    const std::string token(created["token"].as_string());
    BrowserResponse minted = WithToken("POST", "/api/v1/tokens", token, R"({"name": "more"})");
    EXPECT_EQ(minted.status, 403) << minted.body;
    EXPECT_EQ(WithToken("GET", "/api/v1/tokens", token).status, 200);
    const std::string path = "/api/v1/tokens/" + std::to_string(created["id"].as_int64());
    EXPECT_EQ(WithToken("DELETE", path, token).status, 204);
    EXPECT_EQ(WithToken("GET", "/auth/me", token).status, 401);
}

TEST_P(ApiTokensTest, ATokenExpiresAfterItsDays) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    auto created = Create(browser, R"({"name": "short", "expires_in_days": 1})");
    EXPECT_EQ(created["expires_at"], "2023-11-15T22:13:20.000Z");
    const std::string token(created["token"].as_string());
    clock.Advance(24h - 1s);
    EXPECT_EQ(WithToken("GET", "/auth/me", token).status, 200);
    clock.Advance(1s);
    EXPECT_EQ(WithToken("GET", "/auth/me", token).status, 401);
}

TEST_P(ApiTokensTest, UseIsRecordedAtMostOncePerMinute) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    const std::string token(Create(browser, R"({"name": "busy"})")["token"].as_string());
    ASSERT_EQ(WithToken("GET", "/auth/me", token).status, 200);
    const std::int64_t first = Count("SELECT last_used_at FROM api_tokens");
    clock.Advance(30s);
    ASSERT_EQ(WithToken("GET", "/auth/me", token).status, 200);
    EXPECT_EQ(Count("SELECT last_used_at FROM api_tokens"), first);
    clock.Advance(31s);
    ASSERT_EQ(WithToken("GET", "/auth/me", token).status, 200);
    EXPECT_EQ(Count("SELECT last_used_at FROM api_tokens"), first + 61'000);
}

TEST_P(ApiTokensTest, OneUserCannotSeeOrRevokeAnothersTokens) {
    Browser alice = NewBrowser();
    Browser bob = NewBrowser();
    SignIn(alice, Account(1, "alice"));
    SignIn(bob, Account(2, "bob"));
    auto bobs = Create(bob, R"({"name": "bob's"})");
    const std::string bobs_path = "/api/v1/tokens/" + std::to_string(bobs["id"].as_int64());

    EXPECT_TRUE(List(alice).empty());
    BrowserResponse foreign = FromDashboard(alice, "DELETE", bobs_path);
    BrowserResponse missing = FromDashboard(alice, "DELETE", "/api/v1/tokens/999999");
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(foreign.body, missing.body) << "another's token must look like no token";
    EXPECT_EQ(FromDashboard(alice, "DELETE", "/api/v1/tokens/abc").status, 404);
    EXPECT_EQ(WithToken("GET", "/auth/me", std::string(bobs["token"].as_string())).status, 200);
    EXPECT_EQ(List(bob)[0].as_object()["revoked"], false);
}

TEST_P(ApiTokensTest, BadCreationRequestsAre400) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    const std::string long_name(101, 'x');
    for (const std::string& body :
         {std::string("not json"), std::string("[]"), std::string("{}"),
          std::string(R"({"name": ""})"), std::string(R"({"name": "   "})"),
          std::string(R"({"name": 7})"), R"({"name": ")" + long_name + R"("})",
          std::string(R"({"name": "a\u0007b"})"),
          std::string(R"({"name": "ok", "expires_in_days": 0})"),
          std::string(R"({"name": "ok", "expires_in_days": 366})"),
          std::string(R"({"name": "ok", "expires_in_days": 1.5})"),
          std::string(R"({"name": "ok", "expires_in_days": "30"})")}) {
        BrowserResponse response = FromDashboard(browser, "POST", "/api/v1/tokens", body);
        EXPECT_EQ(response.status, 400) << body << " -> " << response.body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM api_tokens"), 0);

    // 100 characters, not bytes: each of these is two bytes in UTF-8.
    std::string hundred;
    for (int i = 0; i < 100; ++i) {
        hundred += "\xc3\xa9";
    }
    auto created = Create(browser, R"({"name": ")" + hundred + R"(", "expires_in_days": null})");
    EXPECT_EQ(created["name"].as_string(), hundred);
}

TEST_P(ApiTokensTest, TheTokenEndpointsWantCredentials) {
    Browser stranger = NewBrowser();
    EXPECT_EQ(stranger.Get("/api/v1/tokens").status, 401);
    EXPECT_EQ(
        stranger.Send("POST", "/api/v1/tokens", R"({"name": "x"})", {{"Origin", kBackend}}).status,
        401);
    EXPECT_EQ(stranger.Send("DELETE", "/api/v1/tokens/1", "", {{"Origin", kBackend}}).status, 401);
    EXPECT_EQ(WithToken("GET", "/api/v1/tokens", "nectr_" + std::string(40, 'A')).status, 401);
}

TEST_P(ApiTokensTest, CookieWritesToTokensNeedTheDashboardsOrigin) {
    Browser browser = NewBrowser();
    SignIn(browser, Account(1, "alice"));
    BrowserResponse forged = browser.Send("POST", "/api/v1/tokens", R"({"name": "x"})",
                                          {{"Origin", "https://evil.example"}});
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM api_tokens"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ApiTokensTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::auth::testing
