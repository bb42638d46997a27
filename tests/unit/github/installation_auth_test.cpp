// Installation tokens of a GitHub App: one exchange for concurrent callers, reuse until shortly
// before expiry, a fresh exchange after a 401.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "fake_github.hpp"
#include "github/base64.hpp"

namespace nectr::github::testing {
namespace {

using namespace std::chrono_literals;

class InstallationAuthTest : public FakeGitHubTest {
protected:
    void SetUp() override {
        const RsaKeyPair keys = MakeRsaKeyPair();
        auto key = AppKey::Load("4242", keys.private_pem);
        ASSERT_TRUE(key) << key.error().detail;
        app_key.emplace(std::move(*key));
    }

    // The token endpoint: hands out ghs_1, ghs_2, ... expiring `lifetime` after the fake now.
    // With `hold`, each exchange waits at the gate until the test opens it.
    void ServeTokens(std::chrono::seconds lifetime, bool hold = false) {
        router.Add(
            {"POST", "/app/installations/99/access_tokens",
             [this, lifetime, hold](http::Request request) -> net::awaitable<http::Response> {
                 if (hold) {
                     co_await pool.Run([this] {
                         gate.Arrive();
                         gate.WaitOpen(20s);
                     });
                 }
                 const int n = ++exchanges;
                 last_jwt = std::string(request.Header("authorization").value_or(""));
                 co_return Json(201, fmt::format(R"({{"token": "ghs_{}", "expires_at": "{}"}})", n,
                                                 FormatTimestamp(clock.Now() + lifetime)));
             }});
    }

    std::shared_ptr<Credentials> Installation() {
        AppAuthOptions options;
        options.api_url = Url("");
        return MakeInstallationCredentials(*http_client, *app_key, 99, options, clock);
    }

    std::optional<AppKey> app_key;
    std::atomic<int> exchanges{0};
    std::string last_jwt;
};

TEST_F(InstallationAuthTest, ConcurrentCallersShareOneExchange) {
    // A token that lives less than the refresh margin is never cached, so only the sharing of
    // the exchange in flight can keep the count at one.
    ServeTokens(2min, /*hold=*/true);
    On("GET", "/repos/o/r/pulls/7", [](const http::Request&) { return Json(200, kPullJson); });
    StartServer();
    auto client = MakeClient(Options(), Installation());

    constexpr int kCallers = 8;
    net::io_context context;
    std::vector<core::Result<PullRequest>> results;
    for (int i = 0; i < kCallers; ++i) {
        net::co_spawn(
            context, client->GetPullRequest(repo, 7),
            [&results](const std::exception_ptr& error, core::Result<PullRequest> result) {
                ASSERT_FALSE(error);
                results.push_back(std::move(result));
            });
    }
    // Runs after every caller has reached its wait for the token: only then may it arrive.
    net::post(context, [this] { gate.Open(); });
    context.run();

    ASSERT_EQ(results.size(), static_cast<std::size_t>(kCallers));
    for (const auto& result : results) {
        ASSERT_TRUE(result) << result.error().detail;
    }
    EXPECT_EQ(exchanges.load(), 1);
    for (const auto& request : Seen()) {
        EXPECT_EQ(request.Header("authorization"), "Bearer ghs_1");
    }
    // The JWT names the app and was signed for the fake now.
    const std::string jwt = last_jwt.substr(std::string("Bearer ").size());
    const auto first_dot = jwt.find('.');
    const auto second_dot = jwt.find('.', first_dot + 1);
    ASSERT_NE(second_dot, std::string::npos) << "not a JWT: " << jwt;
    const auto claims = boost::json::parse(
        DecodeBase64(jwt.substr(first_dot + 1, second_dot - first_dot - 1)).value_or(""));
    EXPECT_EQ(claims.at("iss"), 4242);
    EXPECT_EQ(claims.at("iat"), std::chrono::system_clock::to_time_t(clock.Now()) - 60);
}

TEST_F(InstallationAuthTest, ReusesTheTokenUntilFiveMinutesBeforeItExpires) {
    ServeTokens(60min);
    On("GET", "/repos/o/r/pulls/7", [](const http::Request&) { return Json(200, kPullJson); });
    StartServer();
    auto client = MakeClient(Options(), Installation());

    for (int i = 0; i < 3; ++i) {
        auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
        ASSERT_TRUE(pull) << pull.error().detail;
    }
    EXPECT_EQ(exchanges.load(), 1);

    clock.Advance(54min);
    ASSERT_TRUE(Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); }));
    EXPECT_EQ(exchanges.load(), 1) << "six minutes left: still good";

    clock.Advance(2min);
    ASSERT_TRUE(Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); }));
    EXPECT_EQ(exchanges.load(), 2) << "four minutes left: exchanged again";
    EXPECT_EQ(Seen().back().Header("authorization"), "Bearer ghs_2");
}

TEST_F(InstallationAuthTest, ExchangesAgainAfterA401AndRetriesOnce) {
    ServeTokens(60min);
    On("GET", "/repos/o/r/pulls/7", [](const http::Request& request) {
        if (request.Header("authorization") == "Bearer ghs_1") {
            return Json(401, R"({"message": "Bad credentials"})");
        }
        return Json(200, kPullJson);
    });
    StartServer();
    auto client = MakeClient(Options(), Installation());

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_TRUE(pull) << pull.error().detail;
    EXPECT_EQ(exchanges.load(), 2);
}

TEST_F(InstallationAuthTest, AFailedExchangeReachesEveryCallerWithGitHubsMessage) {
    On("POST", "/app/installations/99/access_tokens",
       [](const http::Request&) { return Json(404, R"({"message": "Not Found"})"); });
    StartServer();
    auto client = MakeClient(Options(), Installation());

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_FALSE(pull);
    EXPECT_EQ(pull.error().code, core::Errc::kNotFound);
    EXPECT_NE(pull.error().detail.find("/app/installations/99/access_tokens"), std::string::npos)
        << pull.error().detail;
    EXPECT_EQ(Seen().size(), 1u) << "no API request without a token";
}

}  // namespace
}  // namespace nectr::github::testing
