#include "llm/retry.hpp"

#include <gtest/gtest.h>

namespace nectr::llm {
namespace {

using namespace std::chrono_literals;

http::OutboundResponse Status(int status, std::vector<http::Header> headers = {}) {
    http::OutboundResponse response;
    response.status = status;
    response.headers = std::move(headers);
    return response;
}

TEST(RetryTest, RetriesOverloadRateLimitsAndServerErrorsOnly) {
    for (int status : {408, 429, 500, 502, 503, 504, 529}) {
        EXPECT_TRUE(IsRetryable(Status(status))) << status;
    }
    for (int status : {200, 400, 401, 403, 404, 413, 422, 501}) {
        EXPECT_FALSE(IsRetryable(Status(status))) << status;
    }
}

TEST(RetryTest, TheServersShouldRetryHeaderWins) {
    EXPECT_FALSE(IsRetryable(Status(529, {{"x-should-retry", "false"}})));
    EXPECT_TRUE(IsRetryable(Status(409, {{"x-should-retry", "true"}})));
}

TEST(RetryTest, ReadsRetryAfterInSecondsOrMilliseconds) {
    EXPECT_EQ(RetryAfter(Status(429, {{"retry-after", "7"}})), 7000ms);
    EXPECT_EQ(RetryAfter(Status(429, {{"retry-after", " 1.5 "}})), 1500ms);
    EXPECT_EQ(RetryAfter(Status(429, {{"retry-after", "0"}})), 0ms);
    EXPECT_EQ(RetryAfter(Status(429, {{"retry-after-ms", "250"}, {"retry-after", "9"}})), 250ms);
    EXPECT_FALSE(RetryAfter(Status(429, {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}})));
    EXPECT_FALSE(RetryAfter(Status(429, {{"retry-after", "-3"}})));
    EXPECT_FALSE(RetryAfter(Status(429, {{"retry-after", "5s"}})));
    EXPECT_FALSE(RetryAfter(Status(429)));
}

TEST(RetryTest, BacksOffExponentiallyUpToTheCapWithDownwardJitter) {
    RetryPolicy policy;  // 500 ms base, 8 s cap, 25% jitter
    EXPECT_EQ(BackoffDelay(1, policy, 0.0), 500ms);
    EXPECT_EQ(BackoffDelay(2, policy, 0.0), 1000ms);
    EXPECT_EQ(BackoffDelay(4, policy, 0.0), 4000ms);
    EXPECT_EQ(BackoffDelay(5, policy, 0.0), 8000ms);
    EXPECT_EQ(BackoffDelay(50, policy, 0.0), 8000ms);
    EXPECT_EQ(BackoffDelay(1, policy, 0.5), 437ms);
    EXPECT_EQ(BackoffDelay(3, policy, 0.999), 1500ms);
}

}  // namespace
}  // namespace nectr::llm
