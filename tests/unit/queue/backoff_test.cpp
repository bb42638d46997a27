#include "queue/backoff.hpp"

#include <gtest/gtest.h>

namespace nectr::queue {
namespace {

using std::chrono::milliseconds;

TEST(QueueRetryDelayTest, DoublesPerAttemptWithoutJitterAtTheMidpoint) {
    const BackoffPolicy policy{milliseconds(5000), milliseconds(15 * 60 * 1000), 0.2};
    EXPECT_EQ(RetryDelay(1, policy, 0.5), milliseconds(5000));
    EXPECT_EQ(RetryDelay(2, policy, 0.5), milliseconds(10'000));
    EXPECT_EQ(RetryDelay(3, policy, 0.5), milliseconds(20'000));
}

TEST(QueueRetryDelayTest, SpreadsByTwentyPercentEitherWay) {
    const BackoffPolicy policy{milliseconds(5000), milliseconds(15 * 60 * 1000), 0.2};
    EXPECT_EQ(RetryDelay(2, policy, 0.0), milliseconds(8000));
    EXPECT_EQ(RetryDelay(2, policy, 0.999999), milliseconds(11'999));
    EXPECT_EQ(RetryDelay(2, policy, 7.0), milliseconds(12'000)) << "the unit is clamped";
}

TEST(QueueRetryDelayTest, NeverExceedsTheCapEvenForHugeAttemptCounts) {
    const BackoffPolicy policy{milliseconds(5000), milliseconds(15 * 60 * 1000), 0.2};
    EXPECT_EQ(RetryDelay(9, policy, 1.0), milliseconds(15 * 60 * 1000));
    EXPECT_EQ(RetryDelay(1'000'000, policy, 0.0), milliseconds(15 * 60 * 1000));
    EXPECT_EQ(RetryDelay(0, policy, 0.5), milliseconds(5000)) << "attempt 0 counts as the first";
}

}  // namespace
}  // namespace nectr::queue
