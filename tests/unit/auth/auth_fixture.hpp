#pragma once

// The whole of sign-in on loopback, on both engines: Nectr's server with AddAuthRoutes (and
// one extra write route that uses the authenticator), the GitHub stand-in, a clock the test
// moves, and browsers that keep cookies. The server calls itself http://nectr.test and its
// dashboard http://app.nectr.test, as it would behind a proxy.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "auth/authenticator.hpp"
#include "auth/key_ring.hpp"
#include "auth/routes.hpp"
#include "auth/sealer.hpp"
#include "auth/session_token.hpp"
#include "browser.hpp"
#include "core/blocking_pool.hpp"
#include "core/metrics.hpp"
#include "http/server.hpp"
#include "support/test_database.hpp"
#include "unit/github/github_test_support.hpp"
#include "unit/github/oauth_fake.hpp"

namespace nectr::auth::testing {

using namespace std::chrono_literals;
using github::testing::FakeAccount;
using store::Engine;

inline constexpr const char* kBackend = "http://nectr.test";
inline constexpr const char* kFrontend = "http://app.nectr.test";
inline constexpr const char* kClientId = "Iv1.nectr";
inline constexpr const char* kClientSecret = "client-secret-for-tests";
inline constexpr std::chrono::hours kSessionTtl{8};

inline FakeAccount Account(std::int64_t id, std::string login,
                           std::vector<std::int64_t> installations = {}) {
    FakeAccount account;
    account.id = id;
    account.login = login;
    account.name = "Name of " + login;
    account.avatar_url = "https://avatars.example/u/" + std::to_string(id);
    account.installations = std::move(installations);
    return account;
}

class AuthFlowTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = nectr::testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db = std::move(*opened);
        ASSERT_NE(github.Port(), 0) << "the GitHub stand-in did not start";
        github.RegisterCallback(std::string(kBackend) + "/auth/github/callback");
        auto keys = KeyRing::Create("a-secret-key-for-tests-that-is-long-enough", {});
        ASSERT_TRUE(keys) << keys.error().detail;
        key_ring = std::make_unique<KeyRing>(*keys);
        sealer = std::make_unique<Sealer>(*key_ring, std::string(kTokenEncryptionPurpose), clock);
        signer = std::make_unique<SessionSigner>(*key_ring, kBackend, kSessionTtl, clock);
        deps.db = db.get();
        deps.pool = &pool;
        deps.http = http_client.get();
        deps.clock = &clock;
        deps.token_sealer = sealer.get();
        deps.sessions = signer.get();
        deps.app.web_url = github.Url();
        deps.app.client_id = kClientId;
        deps.app.client_secret = kClientSecret;
        deps.api.api_url = github.Url();
        deps.api.max_attempts = 1;
        deps.backend_url = kBackend;
        deps.frontend_url = kFrontend;
    }

    void TearDown() override {
        StopServer();
        db.reset();
        test_database_.reset();
    }

    // Starts Nectr with `deps` as the test left them.
    void StartServer() {
        router = std::make_unique<http::Router>();
        AddAuthRoutes(*router, deps);
        // A write endpoint of another module, guarded by the same authenticator.
        Authenticator authenticate = MakeAuthenticator(AuthenticatorDepsFor(deps));
        router->Add(
            {"POST", "/api/v1/things",
             [authenticate](http::Request request) -> net::awaitable<http::Response> {
                 core::Result<Caller> caller = co_await authenticate(request);
                 if (!caller) {
                     co_return AuthFailureResponse(caller.error());
                 }
                 co_return http::Response::Json(
                     200, boost::json::serialize(boost::json::object{
                              {"user_id", caller->user_id},
                              {"login", caller->login},
                              {"via", caller->via == CallerVia::kSession ? "session" : "token"}}));
             }});
        http::ServerOptions options;
        options.port = 0;
        server = std::make_unique<http::Server>(options, *router, metrics);
        auto port = server->Start();
        ASSERT_TRUE(port) << port.error().detail;
        real_base = "http://127.0.0.1:" + std::to_string(*port);
    }

    void StopServer() {
        if (server) {
            server->RequestStop();
            server->Wait();
            pool.Join();
            server.reset();
        }
    }

    Browser NewBrowser() const { return Browser(kBackend, real_base); }

    // Follows GET /auth/github to GitHub's authorization page, which answers for `account`,
    // and returns the callback URL GitHub sends the browser to (not yet visited).
    std::string StartSignIn(Browser& browser, const FakeAccount& account) {
        github.SignInAs(account);
        BrowserResponse start = browser.Get("/auth/github");
        EXPECT_EQ(start.status, 302) << start.body;
        BrowserResponse authorize = browser.Get(start.Header("location").value_or(""));
        EXPECT_EQ(authorize.status, 302) << authorize.body;
        return authorize.Header("location").value_or("");
    }

    // The whole sign-in; the browser ends up holding the session cookie.
    BrowserResponse SignIn(Browser& browser, const FakeAccount& account) {
        const std::string callback = StartSignIn(browser, account);
        BrowserResponse finished = browser.Get(callback);
        EXPECT_EQ(finished.status, 302) << finished.body;
        EXPECT_TRUE(browser.Cookie("nectr_session")) << "no session cookie after sign-in";
        return finished;
    }

    // A request as the dashboard's scripts send it: with the frontend's Origin.
    BrowserResponse FromDashboard(Browser& browser, const std::string& method,
                                  const std::string& path, const std::string& body = "") {
        return browser.Send(method, path, body,
                            {{"Origin", kFrontend}, {"Content-Type", "application/json"}});
    }

    BrowserResponse WithToken(const std::string& method, const std::string& path,
                              const std::string& token, const std::string& body = "") {
        Browser script = NewBrowser();
        return script.Send(method, path, body, {{"Authorization", "Bearer " + token}});
    }

    store::Rows Query(const std::string& sql, std::vector<store::Value> params = {}) {
        auto rows = store::Execute(*db, store::Query{"test.query", sql, sql}, params);
        EXPECT_TRUE(rows) << sql << ": " << rows.error().detail;
        return rows ? *rows : store::Rows{};
    }

    std::int64_t Count(const std::string& sql, std::vector<store::Value> params = {}) {
        store::Rows rows = Query(sql, std::move(params));
        return rows.empty() ? -1 : store::AsInt(rows.rows[0][0]).value_or(-1);
    }

    static boost::json::object Json(const BrowserResponse& response) {
        boost::system::error_code ec;
        boost::json::value parsed = boost::json::parse(response.body, ec);
        EXPECT_FALSE(ec) << response.body;
        return !ec && parsed.is_object() ? parsed.as_object() : boost::json::object();
    }

    github::testing::FakeClock clock;
    github::testing::FakeGitHubOAuth github{kClientId, kClientSecret};
    std::unique_ptr<store::Database> db;
    core::BlockingPool pool{2};
    core::Metrics metrics;
    std::unique_ptr<http::Client> http_client = http::MakeCurlClient({});
    std::unique_ptr<KeyRing> key_ring;
    std::unique_ptr<Sealer> sealer;
    std::unique_ptr<SessionSigner> signer;
    AuthRoutesDeps deps;
    std::unique_ptr<http::Router> router;
    std::unique_ptr<http::Server> server;
    std::string real_base;

private:
    std::unique_ptr<nectr::testing::TestDatabase> test_database_;
};

}  // namespace nectr::auth::testing
