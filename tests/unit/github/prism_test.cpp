// Every call of the client against Prism serving GitHub's official OpenAPI description: each
// request must pass Prism's validation (no `sl-violations` header) and get a 2xx answer that
// the client can read. scripts/test.sh starts Prism once per run (scripts/prism.sh) and
// exports its URL.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <mutex>

#include "github/client.hpp"
#include "github/etag_cache.hpp"
#include "github_test_support.hpp"

namespace nectr::github::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPrismUrlVariable = "NECTR_TEST_GITHUB_API_URL";

struct Exchange {
    std::string method;
    std::string url;
    int status = 0;
    std::string violations;  // Prism's sl-violations about the request; empty when valid
};

// Prism's sl-violations header lists what broke the description, in the request and in its
// own example response (some of GitHub's examples miss required fields). Only the request's
// entries are ours.
std::string RequestViolations(std::string_view header) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(header, ec);
    if (ec || !parsed.is_array()) {
        return std::string(header);  // unreadable: count it, so that it shows
    }
    boost::json::array ours;
    for (const auto& entry : parsed.as_array()) {
        const auto* location =
            entry.is_object() ? entry.as_object().if_contains("location") : nullptr;
        if (location == nullptr || !location->is_array() || location->as_array().empty() ||
            location->as_array()[0] != "response") {
            ours.push_back(entry);
        }
    }
    return ours.empty() ? std::string() : boost::json::serialize(ours);
}

class PrismTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv(kPrismUrlVariable);
        if (url == nullptr || *url == '\0') {
            GTEST_FAIL() << kPrismUrlVariable
                         << " is not set, so the GitHub emulator tests cannot run. Run "
                            "scripts/test.sh (it starts Prism), or start it yourself with "
                            "`D=$(mktemp -d); export "
                         << kPrismUrlVariable << "=$(bash scripts/prism.sh start $D)`";
        }
        api_url = url;
        client = MakeClient(MakeTokenCredentials(TokenKind::kPersonalAccessToken, "ghp_test"));
    }

    std::unique_ptr<GitHubClient> MakeClient(std::shared_ptr<Credentials> credentials) {
        ClientOptions options;
        options.api_url = api_url;
        options.sleeper = sleeper.AsSleeper();
        options.max_attempts = 1;  // an emulator failure must show, not be retried away
        options.max_pages = 3;
        options.etag_cache = std::make_shared<EtagCache>();
        options.observer = [this](const ObservedResponse& response) {
            Exchange exchange{std::string(response.method), std::string(response.url),
                              response.status, ""};
            for (const auto& header : response.headers) {
                if (header.name == "sl-violations") {
                    exchange.violations = RequestViolations(header.value);
                }
            }
            std::lock_guard lock(mutex);
            exchanges.push_back(std::move(exchange));
        };
        return std::make_unique<GitHubClient>(*http_client, std::move(credentials),
                                              std::move(options), clock);
    }

    // Every request so far was valid and answered with a 2xx status.
    void ExpectEveryExchangeValid() {
        std::lock_guard lock(mutex);
        ASSERT_FALSE(exchanges.empty()) << "no request reached Prism";
        for (const Exchange& exchange : exchanges) {
            EXPECT_EQ(exchange.violations, "") << exchange.method << " " << exchange.url;
            EXPECT_GE(exchange.status, 200) << exchange.method << " " << exchange.url;
            EXPECT_LT(exchange.status, 300) << exchange.method << " " << exchange.url;
        }
    }

    std::vector<Exchange> Exchanges() {
        std::lock_guard lock(mutex);
        return exchanges;
    }

    std::string api_url;
    FakeClock clock;
    RecordingSleeper sleeper{clock};
    std::unique_ptr<http::Client> http_client = http::MakeCurlClient({});
    std::unique_ptr<GitHubClient> client;
    std::mutex mutex;
    std::vector<Exchange> exchanges;
    const RepoName repo{"octocat", "Hello-World"};
};

TEST_F(PrismTest, GetsAPullRequest) {
    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 1347); });
    ASSERT_TRUE(pull) << pull.error().detail;
    EXPECT_EQ(pull->number, 1347);
    EXPECT_FALSE(pull->head.sha.empty());
    EXPECT_FALSE(pull->user.login.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ListsPullRequestFilesWithPatchesOverPages) {
    auto files =
        Call<Listing<ChangedFile>>([&] { return client->ListPullRequestFiles(repo, 1347); });
    ASSERT_TRUE(files) << files.error().detail;
    ASSERT_FALSE(files->items.empty());
    EXPECT_TRUE(files->items[0].has_patch);
    EXPECT_FALSE(files->items[0].filename.empty());
    // Prism's example Link always names page 2: the client follows it once, then sees a link
    // to the page it has and stops.
    EXPECT_EQ(Exchanges().size(), 2u);
    EXPECT_TRUE(files->truncated);
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, AsksForThePullRequestDiffInAValidRequest) {
    auto diff = Call<std::string>([&] { return client->GetPullRequestDiff(repo, 1347); });
    // GitHub's description lists only application/json for this endpoint, so Prism cannot
    // produce the diff (406); the request itself must still be valid. The diff's content is
    // tested against the loopback server (TransportTest).
    const auto seen = Exchanges();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].violations, "");
    if (seen[0].status != 406) {
        ASSERT_TRUE(diff) << diff.error().detail;
    } else {
        ASSERT_FALSE(diff);
        EXPECT_NE(diff.error().detail.find("406"), std::string::npos) << diff.error().detail;
    }
}

TEST_F(PrismTest, GetsFileContentDecodedAtARef) {
    auto file =
        Call<FileContent>([&] { return client->GetFileContent(repo, "README.md", "main"); });
    ASSERT_TRUE(file) << file.error().detail;
    EXPECT_EQ(file->path, "README.md");
    EXPECT_GT(file->content.size(), 1000u);
    EXPECT_NE(file->content.find("yoga session"), std::string::npos)
        << "the example's base64 decodes to its README";
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, GetsARecursiveTree) {
    auto tree = Call<Tree>([&] { return client->GetTree(repo, "main"); });
    ASSERT_TRUE(tree) << tree.error().detail;
    ASSERT_FALSE(tree->entries.empty());
    EXPECT_FALSE(tree->entries[0].path.empty());
    EXPECT_NE(Exchanges()[0].url.find("recursive=1"), std::string::npos);
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ListsPullRequestCommits) {
    auto commits = Call<Listing<Commit>>([&] { return client->ListPullRequestCommits(repo, 1); });
    ASSERT_TRUE(commits) << commits.error().detail;
    ASSERT_FALSE(commits->items.empty());
    EXPECT_FALSE(commits->items[0].sha.empty());
    EXPECT_FALSE(commits->items[0].message.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ComparesTwoCommits) {
    auto comparison =
        Call<Comparison>([&] { return client->CompareCommits(repo, "basesha", "headsha"); });
    ASSERT_TRUE(comparison) << comparison.error().detail;
    EXPECT_FALSE(comparison->status.empty());
    EXPECT_FALSE(comparison->files.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, CreatesAReviewWithSingleAndMultiLineComments) {
    NewReview review;
    review.commit_id = "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091";
    review.body = "Two things to look at.";
    review.event = kEventComment;
    review.comments.push_back({"file.md", 6, kSideRight, std::nullopt, std::nullopt, "One."});
    review.comments.push_back({"file.md", 12, kSideRight, 9, std::string(kSideRight), "Range."});
    review.comments.push_back({"old.md", 3, kSideLeft, std::nullopt, std::nullopt, "Removed."});
    auto posted = Call<Review>([&] { return client->CreateReview(repo, 1347, review); });
    ASSERT_TRUE(posted) << posted.error().detail;
    EXPECT_GT(posted->id, 0);
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, AMalformedReviewIsRejectedByTheEmulator) {
    NewReview review;
    review.commit_id = "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091";
    review.body = "Ship it";
    review.event = "SHIP_IT";  // not one of APPROVE, REQUEST_CHANGES, COMMENT
    auto posted = Call<Review>([&] { return client->CreateReview(repo, 1347, review); });
    ASSERT_FALSE(posted);
    EXPECT_EQ(posted.error().code, core::Errc::kInvalidInput) << posted.error().detail;
    const auto seen = Exchanges();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].status, 422);
    EXPECT_NE(seen[0].violations.find("event"), std::string::npos) << seen[0].violations;
}

TEST_F(PrismTest, ListsReviewsOfAPullRequest) {
    auto reviews = Call<Listing<Review>>([&] { return client->ListReviews(repo, 1347); });
    ASSERT_TRUE(reviews) << reviews.error().detail;
    ASSERT_FALSE(reviews->items.empty());
    EXPECT_FALSE(reviews->items[0].commit_id.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, CreatesAnIssueCommentAndReactsToOne) {
    auto comment = Call<IssueComment>(
        [&] { return client->CreateIssueComment(repo, 1347, "Review started."); });
    ASSERT_TRUE(comment) << comment.error().detail;
    EXPECT_GT(comment->id, 0);
    auto reaction =
        Call<Reaction>([&] { return client->AddIssueCommentReaction(repo, comment->id, "eyes"); });
    ASSERT_TRUE(reaction) << reaction.error().detail;
    EXPECT_FALSE(reaction->content.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, CreatesListsUpdatesSubscribesPingsAndDeletesAWebhook) {
    WebhookSpec spec;
    spec.url = "https://nectr.example.com/api/v1/webhooks/github";
    spec.secret = "a-webhook-secret";
    spec.events = {"pull_request", "issue_comment"};
    auto created = Call<Webhook>([&] { return client->CreateWebhook(repo, spec); });
    ASSERT_TRUE(created) << created.error().detail;
    ASSERT_GT(created->id, 0);
    auto listed = Call<Listing<Webhook>>([&] { return client->ListWebhooks(repo); });
    ASSERT_TRUE(listed) << listed.error().detail;
    EXPECT_FALSE(listed->items.empty());
    spec.active = false;
    auto updated = Call<Webhook>([&] { return client->UpdateWebhook(repo, created->id, spec); });
    ASSERT_TRUE(updated) << updated.error().detail;
    auto subscribed = Call<Webhook>([&] {
        return client->AddWebhookEvents(repo, created->id, {"pull_request_review_comment"});
    });
    ASSERT_TRUE(subscribed) << subscribed.error().detail;
    auto pinged = Call<void>([&] { return client->PingWebhook(repo, created->id); });
    ASSERT_TRUE(pinged) << pinged.error().detail;
    auto deleted = Call<void>([&] { return client->DeleteWebhook(repo, created->id); });
    ASSERT_TRUE(deleted) << deleted.error().detail;
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ListsTheUsersRepositories) {
    auto repos = Call<Listing<Repository>>([&] { return client->ListMyRepositories(); });
    ASSERT_TRUE(repos) << repos.error().detail;
    ASSERT_FALSE(repos->items.empty());
    EXPECT_FALSE(repos->items[0].full_name.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ReadsTheSignedInUser) {
    auto client_of_user = MakeClient(MakeTokenCredentials(TokenKind::kOAuthUser, "gho_test"));
    auto user = Call<AuthenticatedUser>([&] { return client_of_user->GetAuthenticatedUser(); });
    ASSERT_TRUE(user) << user.error().detail;
    EXPECT_GT(user->id, 0);
    EXPECT_FALSE(user->login.empty());
    EXPECT_FALSE(user->avatar_url.empty());
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ListsTheInstallationsTheUserMayReach) {
    auto client_of_user = MakeClient(MakeTokenCredentials(TokenKind::kOAuthUser, "gho_test"));
    auto ids = Call<Listing<std::int64_t>>([&] { return client_of_user->ListMyInstallations(); });
    ASSERT_TRUE(ids) << ids.error().detail;
    ASSERT_FALSE(ids->items.empty()) << "Prism's example lists installations";
    for (std::size_t i = 1; i < ids->items.size(); ++i) {
        EXPECT_LT(ids->items[i - 1], ids->items[i]) << "ids are listed once each";
    }
    ExpectEveryExchangeValid();
}

TEST_F(PrismTest, ExchangesAnAppJwtForAnInstallationToken) {
    const RsaKeyPair keys = MakeRsaKeyPair();
    auto key = AppKey::Load("4242", keys.private_pem);
    ASSERT_TRUE(key) << key.error().detail;
    AppAuthOptions auth;
    auth.api_url = api_url;
    auto app_client = MakeClient(MakeInstallationCredentials(*http_client, *key, 99, auth, clock));
    auto pull = Call<PullRequest>([&] { return app_client->GetPullRequest(repo, 1347); });
    ASSERT_TRUE(pull) << pull.error().detail;  // a refused exchange would have failed the call
    ExpectEveryExchangeValid();
}

}  // namespace
}  // namespace nectr::github::testing
