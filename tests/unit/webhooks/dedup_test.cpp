#include "webhooks/dedup.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"

namespace nectr::webhooks {
namespace {

TEST(WebhookDedupTest, IsTheXxh3Of128BitsOfEventNewlinePayload) {
    // Expected values from xxHash's own tool: printf 'push\n{}' | xxhsum -H2
    EXPECT_EQ(DedupHash("push", "{}"), "cd34ac6089b4daed39c456edb53e2d21");
    EXPECT_EQ(DedupHash("ping", "{}"), "f3fba72155d5ec243678e0ff35197c62");
}

TEST(WebhookDedupTest, IsStableForTheSameBytes) {
    const std::string payload =
        boost::json::serialize(testing::ExampleOf("pull_request", "opened"));
    const std::string copy(payload.data(), payload.size());  // another buffer, same bytes
    EXPECT_EQ(DedupHash("pull_request", payload), DedupHash("pull_request", copy));
    EXPECT_EQ(DedupHash("pull_request", payload).size(), 32u);
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
