#include "webhooks/dedup.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"

namespace nectr::webhooks {
namespace {

TEST(WebhookDedupTest, IsTheSha256OfEventNewlinePayload) {
    // Expected values from coreutils: printf 'push\n{}' | sha256sum
    EXPECT_EQ(DedupHash("push", "{}"),
              "f3d6820ea4203593c4276fa1de768da11f8e70f8aa703e2adf4e7f53e339fac2");
    EXPECT_EQ(DedupHash("ping", "{}"),
              "50792a8c9c6ed7821e13dd7c6391295db2fb30fd4d1eeb772479c49ae53c5423");
}

TEST(WebhookDedupTest, IsStableForTheSameBytes) {
    const std::string payload =
        boost::json::serialize(testing::ExampleOf("pull_request", "opened"));
    const std::string copy(payload.data(), payload.size());  // another buffer, same bytes
    EXPECT_EQ(DedupHash("pull_request", payload), DedupHash("pull_request", copy));
    EXPECT_EQ(DedupHash("pull_request", payload).size(), 64u);
}

TEST(WebhookDedupTest, DiffersForAnotherEventTypeWithTheSamePayload) {
    const std::string payload =
        boost::json::serialize(testing::ExampleOf("pull_request", "opened"));
    EXPECT_NE(DedupHash("pull_request", payload), DedupHash("pull_request_review", payload));
}

TEST(WebhookDedupTest, DiffersWhenOneByteOfThePayloadDiffers) {
    EXPECT_NE(DedupHash("push", R"({"after":"a"})"), DedupHash("push", R"({"after":"b"})"));
}

TEST(WebhookDedupTest, IsLowercaseHex) {
    const std::string hash = DedupHash("push", "{}");
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << hash;
}

}  // namespace
}  // namespace nectr::webhooks
