// GitHub's error answers, rate-limit rejections and the ETag cache.
#include <gtest/gtest.h>

#include "github/api_error.hpp"
#include "github/etag_cache.hpp"
#include "github/rate_limit.hpp"

namespace nectr::github {
namespace {

using core::Errc;
using namespace std::chrono_literals;

http::OutboundResponse Answer(int status, std::vector<http::Header> headers,
                              std::string body = "") {
    http::OutboundResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return response;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

TEST(ApiErrorTest, MapsStatusesToCodes) {
    EXPECT_EQ(ErrcForStatus(401), Errc::kUnauthorized);
    EXPECT_EQ(ErrcForStatus(403), Errc::kForbidden);
    EXPECT_EQ(ErrcForStatus(404), Errc::kNotFound);
    EXPECT_EQ(ErrcForStatus(409), Errc::kConflict);
    EXPECT_EQ(ErrcForStatus(422), Errc::kInvalidInput);
    EXPECT_EQ(ErrcForStatus(502), Errc::kUpstream);
    EXPECT_EQ(ErrcForStatus(418), Errc::kUpstream);
}

TEST(ApiErrorTest, CarriesStatusRequestAndGitHubsMessageWithDetails) {
    const core::Error error = ApiError("POST", "/repos/o/r/pulls/1/reviews", 422,
                                       R"({"message": "Validation Failed", "errors": [
                     {"resource": "PullRequestReviewComment", "field": "line",
                      "code": "invalid", "message": "could not be resolved"},
                     "Review body is too long"],
                     "documentation_url": "https://docs.github.com/rest"})");
    EXPECT_EQ(error.code, Errc::kInvalidInput);
    EXPECT_NE(error.detail.find("422"), std::string::npos) << error.detail;
    EXPECT_NE(error.detail.find("POST /repos/o/r/pulls/1/reviews"), std::string::npos);
    EXPECT_NE(error.detail.find("Validation Failed"), std::string::npos);
    EXPECT_NE(error.detail.find("PullRequestReviewComment line: could not be resolved"),
              std::string::npos)
        << error.detail;
    EXPECT_NE(error.detail.find("Review body is too long"), std::string::npos);
}

TEST(ApiErrorTest, NeverCopiesABodyThatIsNotGitHubsJson) {
    const core::Error error = ApiError("GET", "/user", 502, "<html>secret proxy page</html>");
    EXPECT_EQ(error.code, Errc::kUpstream);
    EXPECT_EQ(error.detail.find("secret"), std::string::npos) << error.detail;
}

TEST(RateLimitTest, ThePrimaryLimitWaitsUntilTheReset) {
    auto hit = DetectRateLimit(
        Answer(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1700000030"}},
               R"({"message": "API rate limit exceeded"})"),
        kNow);
    ASSERT_TRUE(hit);
    EXPECT_FALSE(hit->secondary);
    EXPECT_EQ(hit->wait, 31s) << "until the reset, plus a second of slack";
    EXPECT_NE(DescribeRateLimit(*hit, kNow).find("2023-11-14T22:13:50Z"), std::string::npos)
        << DescribeRateLimit(*hit, kNow);
}

TEST(RateLimitTest, RetryAfterWinsAndA429WithoutHeadersWaitsAMinute) {
    auto after = DetectRateLimit(Answer(429, {{"retry-after", "7"}}), kNow);
    ASSERT_TRUE(after);
    EXPECT_TRUE(after->secondary);
    EXPECT_EQ(after->wait, 7s);
    auto bare = DetectRateLimit(Answer(429, {}), kNow);
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->wait, 60s);
    auto secondary = DetectRateLimit(
        Answer(403, {}, R"({"message": "You have exceeded a secondary rate limit."})"), kNow);
    ASSERT_TRUE(secondary);
    EXPECT_TRUE(secondary->secondary);
}

TEST(RateLimitTest, AnOrdinaryForbiddenIsNoRateLimit) {
    EXPECT_FALSE(DetectRateLimit(
        Answer(403, {{"x-ratelimit-remaining", "4999"}, {"x-ratelimit-reset", "1700000030"}},
               R"({"message": "Resource not accessible by integration"})"),
        kNow));
    EXPECT_FALSE(DetectRateLimit(Answer(500, {{"retry-after", "1"}}), kNow));
}

TEST(EtagCacheTest, EvictsTheLeastRecentlyUsedEntry) {
    EtagCache cache(2, std::size_t{1024} * 1024);
    cache.Store("a", {"\"1\"", "body a", ""});
    cache.Store("b", {"\"2\"", "body b", ""});
    ASSERT_TRUE(cache.Find("a"));  // "a" is now the most recently used
    cache.Store("c", {"\"3\"", "body c", ""});
    EXPECT_TRUE(cache.Find("a"));
    EXPECT_FALSE(cache.Find("b")) << "b was the least recently used";
    EXPECT_EQ(cache.Find("c")->body, "body c");
    EXPECT_EQ(cache.Size(), 2u);
}

TEST(EtagCacheTest, KeepsWithinItsByteBoundAndSkipsHugeBodies) {
    EtagCache cache(100, 400);
    cache.Store("huge", {"e", std::string(200, 'x'), ""});
    EXPECT_FALSE(cache.Find("huge")) << "a body over a quarter of the bound is not kept";
    for (int i = 0; i < 10; ++i) {
        cache.Store("k" + std::to_string(i), {"e", std::string(90, 'x'), ""});
    }
    EXPECT_LE(cache.Bytes(), 400u);
    EXPECT_TRUE(cache.Find("k9"));
    EXPECT_FALSE(cache.Find("k0"));
    cache.Store("k9", {"e2", "small", ""});
    EXPECT_EQ(cache.Find("k9")->etag, "e2") << "a store replaces the entry";
}

TEST(EtagCacheTest, KeysSeparateIdentitiesAndRepresentations) {
    EXPECT_NE(EtagCacheKey("token:aa", "json", "https://x/a"),
              EtagCacheKey("token:bb", "json", "https://x/a"));
    EXPECT_NE(EtagCacheKey("token:aa", "json", "https://x/a"),
              EtagCacheKey("token:aa", "diff", "https://x/a"));
}

}  // namespace
}  // namespace nectr::github
