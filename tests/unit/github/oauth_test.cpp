// Sign-in's GitHub calls against a loopback stand-in that answers as GitHub's documentation
// of the OAuth web flow says: the authorization URL, the code exchange and its refusals, the
// signed-in user, and the installations they may reach (paged, or refused).
#include "github/oauth.hpp"

#include <gtest/gtest.h>

#include "github/client.hpp"
#include "github_test_support.hpp"
#include "oauth_fake.hpp"

namespace nectr::github::testing {
namespace {

constexpr const char* kClientId = "Iv1.client";
constexpr const char* kClientSecret = "client-secret-for-tests";
constexpr const char* kCallback = "http://127.0.0.1:9/auth/github/callback";

FakeAccount Octocat() {
    FakeAccount account;
    account.id = 583231;
    account.login = "octocat";
    account.name = "The Octocat";
    account.email = "";  // private: GitHub sends null
    account.avatar_url = "https://avatars.githubusercontent.com/u/583231?v=4";
    account.installations = {11, 12, 13, 14, 15};
    return account;
}

class GitHubOAuthTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NE(fake.Port(), 0) << "the stand-in did not start";
        fake.RegisterCallback(kCallback);
    }

    OAuthAppOptions App(std::string secret = kClientSecret) const {
        OAuthAppOptions options;
        options.web_url = fake.Url() + "/";
        options.client_id = kClientId;
        options.client_secret = std::move(secret);
        return options;
    }

    core::Result<OAuthToken> Exchange(std::string code, OAuthAppOptions options,
                                      std::string redirect = kCallback) {
        return Call<OAuthToken>(
            [&]() { return ExchangeOAuthCode(*http_client, options, code, redirect); });
    }

    std::unique_ptr<GitHubClient> UserClient(const std::string& token) {
        ClientOptions options;
        options.api_url = fake.Url();
        options.sleeper = sleeper.AsSleeper();
        options.max_attempts = 1;
        return std::make_unique<GitHubClient>(
            *http_client, MakeTokenCredentials(TokenKind::kOAuthUser, token), options, clock);
    }

    std::string TokenFor(const FakeAccount& account) {
        auto token = Exchange(fake.IssueCode(account), App());
        EXPECT_TRUE(token) << token.error().detail;
        return token ? token->access_token : "";
    }

    FakeGitHubOAuth fake{kClientId, kClientSecret};
    FakeClock clock;
    RecordingSleeper sleeper{clock};
    std::unique_ptr<http::Client> http_client = http::MakeCurlClient({});
};

TEST(AuthorizeUrlTest, CarriesEveryParameterEncoded) {
    EXPECT_EQ(
        AuthorizeUrl("https://github.com/", "Iv1.abc", "https://nectr.example/auth/github/callback",
                     "repo read:org", "00ff"),
        "https://github.com/login/oauth/authorize?client_id=Iv1.abc&redirect_uri=https%3A%2F%2F"
        "nectr.example%2Fauth%2Fgithub%2Fcallback&scope=repo%20read%3Aorg&state=00ff");
}

TEST_F(GitHubOAuthTest, ExchangesACodeForAUserTokenWithAForm) {
    auto token = Exchange(fake.IssueCode(Octocat()), App());
    ASSERT_TRUE(token) << token.error().detail;
    EXPECT_EQ(token->access_token.rfind("gho_", 0), 0u);
    EXPECT_EQ(token->scope, "read:org,repo");
    EXPECT_EQ(token->token_type, "bearer");

    auto seen = fake.Seen("/login/oauth/access_token");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].Header("Accept").value_or(""), "application/json");
    EXPECT_EQ(seen[0].Header("Content-Type").value_or(""), "application/x-www-form-urlencoded");
    EXPECT_EQ(seen[0].query, "") << "the secret must travel in the body, not the URL";
    EXPECT_NE(seen[0].body.find("redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fauth"),
              std::string::npos)
        << seen[0].body;
}

TEST_F(GitHubOAuthTest, AUsedCodeIsABadVerificationCode) {
    const std::string code = fake.IssueCode(Octocat());
    ASSERT_TRUE(Exchange(code, App()));
    auto again = Exchange(code, App());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(again.error().detail.find("bad_verification_code"), std::string::npos);
    EXPECT_NE(again.error().detail.find("incorrect or expired"), std::string::npos);
}

TEST_F(GitHubOAuthTest, WrongClientCredentialsAreTheOperatorsProblemAndStaySecret) {
    auto token = Exchange(fake.IssueCode(Octocat()), App("wrong-secret-value"));
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, core::Errc::kUpstream);
    EXPECT_NE(token.error().detail.find("incorrect_client_credentials"), std::string::npos);
    EXPECT_EQ(token.error().detail.find("wrong-secret-value"), std::string::npos);
}

TEST_F(GitHubOAuthTest, AnUnregisteredRedirectUriIsRefused) {
    auto token = Exchange(fake.IssueCode(Octocat()), App(), "http://elsewhere.example/cb");
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, core::Errc::kUpstream);
    EXPECT_NE(token.error().detail.find("redirect_uri_mismatch"), std::string::npos);
}

TEST_F(GitHubOAuthTest, AnUnreachableGitHubIsUnavailable) {
    OAuthAppOptions options = App();
    options.web_url = "http://127.0.0.1:1";
    auto token = Exchange("code", options);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, core::Errc::kUnavailable) << token.error().detail;
}

TEST(OAuthTokenAnswerTest, RefusesAnswersThatAreNotAToken) {
    auto html = ParseOAuthTokenAnswer(502, "<html>Bad gateway</html>");
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, core::Errc::kUpstream);
    EXPECT_NE(html.error().detail.find("502"), std::string::npos);

    auto no_token = ParseOAuthTokenAnswer(200, R"({"token_type": "bearer"})");
    ASSERT_FALSE(no_token);
    EXPECT_EQ(no_token.error().code, core::Errc::kUpstream);

    auto form = ParseOAuthTokenAnswer(200, "access_token=x&token_type=bearer");
    ASSERT_FALSE(form) << "only the JSON form is asked for";
    EXPECT_EQ(form.error().code, core::Errc::kUpstream);
}

TEST_F(GitHubOAuthTest, ReadsTheUserBehindAToken) {
    auto client = UserClient(TokenFor(Octocat()));
    auto user = Call<AuthenticatedUser>([&] { return client->GetAuthenticatedUser(); });
    ASSERT_TRUE(user) << user.error().detail;
    EXPECT_EQ(user->id, 583231);
    EXPECT_EQ(user->login, "octocat");
    EXPECT_EQ(user->name, "The Octocat");
    EXPECT_EQ(user->email, "") << "a private e-mail is null";
    EXPECT_EQ(user->avatar_url, "https://avatars.githubusercontent.com/u/583231?v=4");
}

TEST_F(GitHubOAuthTest, ABadTokenIsUnauthorized) {
    auto client = UserClient("gho_not_issued");
    auto user = Call<AuthenticatedUser>([&] { return client->GetAuthenticatedUser(); });
    ASSERT_FALSE(user);
    EXPECT_EQ(user.error().code, core::Errc::kUnauthorized);
    auto ids = Call<Listing<std::int64_t>>([&] { return client->ListMyInstallations(); });
    ASSERT_FALSE(ids) << "only 403 and 404 mean no installations";
    EXPECT_EQ(ids.error().code, core::Errc::kUnauthorized);
}

TEST_F(GitHubOAuthTest, ListsInstallationsOverEveryPage) {
    fake.SetInstallationsPageSize(2);
    auto client = UserClient(TokenFor(Octocat()));
    auto ids = Call<Listing<std::int64_t>>([&] { return client->ListMyInstallations(); });
    ASSERT_TRUE(ids) << ids.error().detail;
    EXPECT_EQ(ids->items, (std::vector<std::int64_t>{11, 12, 13, 14, 15}));
    EXPECT_FALSE(ids->truncated);
    EXPECT_EQ(fake.Seen("/user/installations").size(), 3u);
}

TEST_F(GitHubOAuthTest, ARefusedInstallationListIsAnEmptyOne) {
    for (int status : {403, 404}) {
        FakeAccount account = Octocat();
        account.installations_status = status;
        auto client = UserClient(TokenFor(account));
        auto ids = Call<Listing<std::int64_t>>([&] { return client->ListMyInstallations(); });
        ASSERT_TRUE(ids) << status << ": " << ids.error().detail;
        EXPECT_TRUE(ids->items.empty()) << status;
    }
}

}  // namespace
}  // namespace nectr::github::testing
