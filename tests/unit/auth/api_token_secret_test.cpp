#include "auth/api_token_secret.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace nectr::auth {
namespace {

TEST(ApiTokenSecretTest, GeneratesNectrPrefixedBase62TokensWithHashAndShownPrefix) {
    const NewTokenSecret secret = GenerateApiToken();
    EXPECT_EQ(secret.token.size(), 46U);
    EXPECT_TRUE(secret.token.starts_with("nectr_")) << secret.token;
    EXPECT_TRUE(LooksLikeApiToken(secret.token)) << secret.token;
    EXPECT_EQ(secret.hash, HashApiToken(secret.token));
    EXPECT_EQ(secret.prefix, secret.token.substr(0, 12));
}

TEST(ApiTokenSecretTest, HashesAsLowercaseHexSha256) {
    // printf %s nectr_0123456789abcdefghijABCDEFGHIJ0123456789 | sha256sum
    EXPECT_EQ(HashApiToken("nectr_0123456789abcdefghijABCDEFGHIJ0123456789"),
              "da4b1fe9b50379309a3dc3f71385ad24a214426ac60acf4bb315384f66434311");
}

TEST(ApiTokenSecretTest, NeverRepeatsAndUsesTheWholeAlphabetEvenly) {
    std::set<std::string> tokens;
    std::map<char, int> counts;
    constexpr int kTokens = 2000;
    for (int i = 0; i < kTokens; ++i) {
        const NewTokenSecret secret = GenerateApiToken();
        tokens.insert(secret.token);
        for (const char c : secret.token.substr(6)) {
            ++counts[c];
        }
    }
    EXPECT_EQ(tokens.size(), static_cast<std::size_t>(kTokens));
    EXPECT_EQ(counts.size(), 62U) << "every base62 character must occur";
    // 80,000 characters over 62: about 1290 each, standard deviation about 36. A `% 62` bias
    // would give the first eight characters about 1/4 more (about 1600).
    for (const auto& [c, count] : counts) {
        EXPECT_GT(count, 1100) << c;
        EXPECT_LT(count, 1480) << c;
    }
}

TEST(ApiTokenSecretTest, TellsTokensFromOtherBearerValues) {
    EXPECT_TRUE(LooksLikeApiToken("nectr_0123456789abcdefghijABCDEFGHIJ0123456789"));
    EXPECT_FALSE(LooksLikeApiToken("nectr_0123456789abcdefghijABCDEFGHIJ012345678"));
    EXPECT_FALSE(LooksLikeApiToken("nectr_0123456789abcdefghijABCDEFGHIJ01234567890"));
    EXPECT_FALSE(LooksLikeApiToken("nectr-0123456789abcdefghijABCDEFGHIJ0123456789"));
    EXPECT_FALSE(LooksLikeApiToken("nectr_0123456789abcdefghij-BCDEFGHIJ0123456789"));
    EXPECT_FALSE(LooksLikeApiToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"));
    EXPECT_FALSE(LooksLikeApiToken(""));
}

}  // namespace
}  // namespace nectr::auth
