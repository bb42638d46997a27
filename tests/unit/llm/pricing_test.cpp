#include "llm/pricing.hpp"

#include <gtest/gtest.h>

namespace nectr::llm {
namespace {

TEST(PricingTest, KnowsClaudeModelsByAliasDatedIdAndRouterSpelling) {
    for (const char* model :
         {"claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5",
          "claude-sonnet-4-5@20250929", "Claude-Sonnet-4-5"}) {
        auto price = LookupPrice(model);
        ASSERT_TRUE(price) << model;
        EXPECT_EQ(price->input_per_mtok, 3.0) << model;
        EXPECT_EQ(price->output_per_mtok, 15.0) << model;
        EXPECT_EQ(price->cache_read_per_mtok, 0.30) << model;
        EXPECT_EQ(price->cache_write_per_mtok, 3.75) << model;
    }
}

TEST(PricingTest, TheLongestMatchingNameWins) {
    EXPECT_EQ(LookupPrice("gpt-4o")->input_per_mtok, 2.50);
    EXPECT_EQ(LookupPrice("gpt-4o-mini")->input_per_mtok, 0.15);
    EXPECT_EQ(LookupPrice("gpt-4o-mini-2024-07-18")->input_per_mtok, 0.15);
    EXPECT_EQ(LookupPrice("gpt-4o-2024-08-06")->input_per_mtok, 2.50);
    EXPECT_EQ(LookupPrice("claude-opus-4-20250514")->input_per_mtok, 15.0);
    EXPECT_EQ(LookupPrice("claude-opus-4-5-20251101")->input_per_mtok, 5.0);
    EXPECT_EQ(LookupPrice("openai/gpt-4.1-mini")->output_per_mtok, 1.60);
}

TEST(PricingTest, DoesNotGuessAtNamesThatOnlyStartLikeAKnownOne) {
    EXPECT_FALSE(LookupPrice("claude-opus-4-9"));
    EXPECT_FALSE(LookupPrice("gpt-4o-audio-preview"));
    EXPECT_FALSE(LookupPrice("o3-pro"));
    EXPECT_FALSE(LookupPrice("qwen2.5-coder:7b"));
    EXPECT_FALSE(LookupPrice("llama3.1:8b"));
    EXPECT_FALSE(LookupPrice(""));
}

TEST(PricingTest, AnOverridePricesAnUnknownModelAndCorrectsAKnownOne) {
    PriceOverride both{0.5, 1.5};
    auto local = ResolvePrice("qwen2.5-coder:7b", both);
    ASSERT_TRUE(local);
    EXPECT_EQ(local->input_per_mtok, 0.5);
    EXPECT_EQ(local->output_per_mtok, 1.5);
    EXPECT_EQ(local->cache_read_per_mtok, 0.5) << "unknown cache rates are priced as input";

    PriceOverride output_only{std::nullopt, 20.0};
    auto sonnet = ResolvePrice("claude-sonnet-4-5", output_only);
    ASSERT_TRUE(sonnet);
    EXPECT_EQ(sonnet->input_per_mtok, 3.0);
    EXPECT_EQ(sonnet->output_per_mtok, 20.0);
    EXPECT_EQ(sonnet->cache_read_per_mtok, 0.30);

    EXPECT_FALSE(ResolvePrice("qwen2.5-coder:7b", {}));
}

TEST(PricingTest, EstimatesCostFromEveryKindOfToken) {
    Price price{3.0, 15.0, 0.30, 3.75};
    Usage usage{1'000'000, 100'000, 2'000'000, 10'000};
    EXPECT_NEAR(EstimateCostUsd(usage, price), 3.0 + 1.5 + 0.6 + 0.0375, 1e-12);
    EXPECT_EQ(EstimateCostUsd(Usage{}, price), 0.0);
}

}  // namespace
}  // namespace nectr::llm
