// The transport's behaviour against a scripted GitHub on loopback: pagination, conditional
// requests, rate limits, retries, timeouts and error details.
#include "github/transport.hpp"

#include <gtest/gtest.h>

#include "fake_github.hpp"

namespace nectr::github::testing {
namespace {

using core::Errc;
using namespace std::chrono_literals;

std::string FileJson(int n) {
    return fmt::format(R"({{"filename": "f{}.c", "status": "modified", "patch": "@@ -1 +1 @@"}})",
                       n);
}

class TransportTest : public FakeGitHubTest {};

TEST_F(TransportTest, FollowsLinkOverThreePagesWithGitHubsHeaders) {
    On("GET", "/repos/o/r/pulls/7/files", [this](const http::Request& request) {
        const int page = std::stoi(request.QueryParam("page").value_or("1"));
        // GitHub names the repository by id in its links; the client must stay on its path.
        const std::string base = Url("/repositories/42/pulls/7/files?per_page=100&page=");
        std::string link;
        if (page < 3) {
            link = fmt::format(R"(<{}{}>; rel="next", <{}3>; rel="last")", base, page + 1, base);
        } else {
            link = fmt::format(R"(<{}1>; rel="first", <{}2>; rel="prev")", base, base);
        }
        return Json(200, "[" + FileJson(page) + "]", {{"Link", link}});
    });
    StartServer();
    auto client = MakeClient(Options());

    auto files = Call<Listing<ChangedFile>>([&] { return client->ListPullRequestFiles(repo, 7); });
    ASSERT_TRUE(files) << files.error().detail;
    ASSERT_EQ(files->items.size(), 3u);
    EXPECT_EQ(files->items[0].filename, "f1.c");
    EXPECT_EQ(files->items[2].filename, "f3.c");
    EXPECT_FALSE(files->truncated);

    const auto seen = Seen();
    ASSERT_EQ(seen.size(), 3u);
    for (const auto& request : seen) {
        EXPECT_EQ(request.QueryParam("per_page"), "100") << request.target;
        EXPECT_EQ(request.Header("authorization"), "Bearer t0k3n");
        EXPECT_EQ(request.Header("user-agent"), DefaultUserAgent());
        EXPECT_EQ(request.Header("x-github-api-version"), kApiVersion);
        EXPECT_NE(request.Header("accept").value_or("").find("application/vnd.github+json"),
                  std::string_view::npos);
    }
    EXPECT_EQ(seen[2].QueryParam("page"), "3");
    EXPECT_EQ(DefaultUserAgent().rfind("nectr/", 0), 0u);
}

TEST_F(TransportTest, StopsAtMaxPagesAndSaysTheListingIsTruncated) {
    On("GET", "/user/repos", [this](const http::Request& request) {
        const int page = std::stoi(request.QueryParam("page").value_or("1"));
        return Json(
            200, fmt::format(R"([{{"id": {}, "full_name": "o/r{}"}}])", page, page),
            {{"Link", fmt::format(R"(<{}?page={}>; rel="next")", Url("/user/repos"), page + 1)}});
    });
    StartServer();
    ClientOptions options = Options();
    options.max_pages = 2;
    auto client = MakeClient(options);

    auto repos = Call<Listing<Repository>>([&] { return client->ListMyRepositories(); });
    ASSERT_TRUE(repos) << repos.error().detail;
    EXPECT_EQ(repos->items.size(), 2u);
    EXPECT_TRUE(repos->truncated);
    EXPECT_EQ(Seen().size(), 2u);
}

TEST_F(TransportTest, ReusesTheCachedBodyWhenGitHubAnswers304) {
    On("GET", "/repos/o/r/pulls/7", [](const http::Request& request) {
        if (request.Header("if-none-match") == "\"v1\"") {
            http::Response not_modified;
            not_modified.status = 304;
            not_modified.SetHeader("ETag", "\"v1\"");
            return not_modified;
        }
        return Json(200, kPullJson, {{"ETag", "\"v1\""}});
    });
    StartServer();
    auto client = MakeClient(Options());

    auto first = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    auto second = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_TRUE(first) << first.error().detail;
    ASSERT_TRUE(second) << second.error().detail;
    EXPECT_EQ(second->title, "Add a thing");
    EXPECT_EQ(second->head.sha, "headsha");

    // Another token must not be answered from what the first one fetched.
    auto other = MakeClient(Options(), MakeTokenCredentials(TokenKind::kOAuthUser, "other"));
    auto third = Call<PullRequest>([&] { return other->GetPullRequest(repo, 7); });
    ASSERT_TRUE(third) << third.error().detail;

    const auto seen = Seen();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_FALSE(seen[0].Header("if-none-match"));
    EXPECT_EQ(seen[1].Header("if-none-match"), "\"v1\"");
    EXPECT_FALSE(seen[2].Header("if-none-match")) << "the cache is per identity";
    const auto observed = ObservedResponses();
    ASSERT_EQ(observed.size(), 3u);
    EXPECT_EQ(observed[1].status, 304);
}

TEST_F(TransportTest, WaitsOutA429WithRetryAfterThenSucceeds) {
    std::atomic<int> calls{0};
    On("GET", "/repos/o/r/pulls/7", [&calls](const http::Request&) {
        if (calls++ == 0) {
            return Json(429, R"({"message": "You have exceeded a secondary rate limit."})",
                        {{"Retry-After", "3"}});
        }
        return Json(200, kPullJson);
    });
    StartServer();
    auto client = MakeClient(Options());

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_TRUE(pull) << pull.error().detail;
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(sleeper.Waits(), std::vector<std::chrono::milliseconds>{3s});
}

TEST_F(TransportTest, WaitsForThePrimaryResetWhenItFitsTheBudget) {
    std::atomic<int> calls{0};
    On("POST", "/repos/o/r/issues/7/comments", [this, &calls](const http::Request&) {
        if (calls++ == 0) {
            const auto reset = std::chrono::system_clock::to_time_t(clock.Now()) + 20;
            return Json(403, R"({"message": "API rate limit exceeded for installation."})",
                        {{"x-ratelimit-limit", "5000"},
                         {"x-ratelimit-remaining", "0"},
                         {"x-ratelimit-reset", std::to_string(reset)}});
        }
        return Json(201, R"({"id": 5, "body": "hi", "user": {"login": "nectr[bot]"}})");
    });
    StartServer();
    auto client = MakeClient(Options());

    auto comment = Call<IssueComment>([&] { return client->CreateIssueComment(repo, 7, "hi"); });
    ASSERT_TRUE(comment) << comment.error().detail;
    EXPECT_EQ(comment->id, 5);
    EXPECT_EQ(calls.load(), 2) << "a rate-limited create was not processed: it is sent again";
    EXPECT_EQ(sleeper.Waits(), std::vector<std::chrono::milliseconds>{21s});
}

TEST_F(TransportTest, FailsAtOnceWhenTheResetIsBeyondTheBudget) {
    On("GET", "/repos/o/r/pulls/7", [this](const http::Request&) {
        const auto reset = std::chrono::system_clock::to_time_t(clock.Now()) + 3600;
        return Json(403, R"({"message": "API rate limit exceeded"})",
                    {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(reset)}});
    });
    StartServer();
    auto client = MakeClient(Options());

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_FALSE(pull);
    EXPECT_EQ(pull.error().code, Errc::kRateLimited);
    const std::string reset_text = FormatTimestamp(clock.Now() + std::chrono::seconds(3600));
    EXPECT_NE(pull.error().detail.find(reset_text), std::string::npos) << pull.error().detail;
    EXPECT_TRUE(sleeper.Waits().empty()) << "no wait beyond the budget";
    EXPECT_EQ(Seen().size(), 1u);
}

TEST_F(TransportTest, Retries502WithBackoffThenSucceeds) {
    std::atomic<int> calls{0};
    On("GET", "/repos/o/r/pulls/7", [&calls](const http::Request&) {
        if (calls++ == 0) {
            return Json(502, R"({"message": "Server Error"})");
        }
        return Json(200, kPullJson);
    });
    StartServer();
    ClientOptions options = Options();
    options.backoff_base = 400ms;
    auto client = MakeClient(options);

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_TRUE(pull) << pull.error().detail;
    EXPECT_EQ(calls.load(), 2);
    const auto waits = sleeper.Waits();
    ASSERT_EQ(waits.size(), 1u);
    EXPECT_GE(waits[0], 200ms) << "jitter stays within [base/2, base]";
    EXPECT_LE(waits[0], 400ms);
}

TEST_F(TransportTest, GivesUpAfterMaxAttemptsWithTheLastStatus) {
    std::atomic<int> calls{0};
    On("GET", "/repos/o/r/pulls/7", [&calls](const http::Request&) {
        ++calls;
        return Json(503, R"({"message": "Service Unavailable"})");
    });
    StartServer();
    auto client = MakeClient(Options());

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_FALSE(pull);
    EXPECT_EQ(pull.error().code, Errc::kUpstream);
    EXPECT_NE(pull.error().detail.find("503"), std::string::npos) << pull.error().detail;
    EXPECT_EQ(calls.load(), 3);
    EXPECT_EQ(sleeper.Waits().size(), 2u);
}

TEST_F(TransportTest, SendsAReviewOnceEvenWhenGitHubAnswers502) {
    std::atomic<int> calls{0};
    On("POST", "/repos/o/r/pulls/7/reviews", [&calls](const http::Request&) {
        ++calls;
        return Json(502, R"({"message": "Server Error"})");
    });
    StartServer();
    auto client = MakeClient(Options());

    NewReview review;
    review.commit_id = "headsha";
    review.body = "Looks fine";
    auto posted = Call<Review>([&] { return client->CreateReview(repo, 7, review); });
    ASSERT_FALSE(posted);
    EXPECT_EQ(posted.error().code, Errc::kUpstream);
    EXPECT_EQ(calls.load(), 1) << "GitHub may have posted it: no blind retry";
    EXPECT_TRUE(sleeper.Waits().empty());
}

TEST_F(TransportTest, TimesOutAnAnswerThatNeverComes) {
    router.Add({"GET", "/repos/o/r/pulls/7", SlowHandler()});
    StartServer();
    ClientOptions options = Options();
    options.request_timeout = 300ms;
    options.max_attempts = 2;
    auto client = MakeClient(options);

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_FALSE(pull);
    EXPECT_EQ(pull.error().code, Errc::kTimeout) << pull.error().detail;
    EXPECT_TRUE(gate.WaitForArrivals(2, 10s)) << "a timed-out read is tried again";
    EXPECT_EQ(sleeper.Waits().size(), 1u);
}

TEST_F(TransportTest, ReportsAnUnreachableServerAfterItsAttempts) {
    StartServer();
    ClientOptions options = Options();
    StopServer();  // the port is now closed
    auto client = MakeClient(options);

    auto pull = Call<PullRequest>([&] { return client->GetPullRequest(repo, 7); });
    ASSERT_FALSE(pull);
    EXPECT_EQ(pull.error().code, Errc::kUnavailable) << pull.error().detail;
    EXPECT_NE(pull.error().detail.find("/repos/o/r/pulls/7"), std::string::npos);
    EXPECT_EQ(sleeper.Waits().size(), 2u);
}

TEST_F(TransportTest, ErrorsCarryTheStatusAndGitHubsMessage) {
    On("GET", "/repos/o/r/contents/{rest...}", [](const http::Request&) {
        return Json(404, R"({"message": "Not Found",
                             "documentation_url": "https://docs.github.com/rest"})");
    });
    On("POST", "/repos/o/r/pulls/7/reviews", [](const http::Request&) {
        return Json(422, R"({"message": "Unprocessable Entity", "errors": [
            "Line could not be resolved"]})");
    });
    On("GET", "/repos/o/r/pulls/8",
       [](const http::Request&) { return Json(401, R"({"message": "Bad credentials"})"); });
    StartServer();
    auto client = MakeClient(Options());

    auto file =
        Call<FileContent>([&] { return client->GetFileContent(repo, "src/a b.c", "main"); });
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, Errc::kNotFound);
    EXPECT_NE(file.error().detail.find("404 Not Found"), std::string::npos) << file.error().detail;
    EXPECT_NE(file.error().detail.find("/contents/src/a%20b.c?ref=main"), std::string::npos)
        << file.error().detail;

    NewReview review;
    review.comments.push_back({"a.c", 99, kSideRight, std::nullopt, std::nullopt, "x"});
    auto posted = Call<Review>([&] { return client->CreateReview(repo, 7, review); });
    ASSERT_FALSE(posted);
    EXPECT_EQ(posted.error().code, Errc::kInvalidInput);
    EXPECT_NE(posted.error().detail.find("Line could not be resolved"), std::string::npos);

    auto denied = Call<PullRequest>([&] { return client->GetPullRequest(repo, 8); });
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, Errc::kUnauthorized);
    EXPECT_EQ(denied.error().detail.find("t0k3n"), std::string::npos) << "never the token";
}

TEST_F(TransportTest, FetchesTheUnifiedDiffWithTheDiffMediaType) {
    const std::string diff =
        "diff --git a/a.c b/a.c\nindex 1..2 100644\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-a\n+b\n";
    On("GET", "/repos/o/r/pulls/7", [&diff](const http::Request& request) {
        if (request.Header("accept") != "application/vnd.github.diff") {
            return Json(415, R"({"message": "wrong media type"})");
        }
        return http::Response::Text(200, diff, "application/vnd.github.diff; charset=utf-8");
    });
    StartServer();
    auto client = MakeClient(Options());

    auto fetched = Call<std::string>([&] { return client->GetPullRequestDiff(repo, 7); });
    ASSERT_TRUE(fetched) << fetched.error().detail;
    EXPECT_EQ(*fetched, diff);
}

}  // namespace
}  // namespace nectr::github::testing
