#include "auth/key_ring.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/primitives.hpp"

namespace nectr::auth {
namespace {

constexpr const char* kSecret = "q8Vh2mZk4TnR7wLx9PbC3sYd6FgJ1aUeK0oNiHt5";

std::string Hex(const Key32& key) { return HexLower(key); }

TEST(KeyRingTest, DerivesHkdfSha256WithTheFixedSaltAndPurposeInfo) {
    // Computed apart from OpenSSL, with Python's hmac module following RFC 5869:
    // salt "nectr/key-ring/v1", info "nectr/" + purpose, 32 bytes.
    EXPECT_EQ(Hex(DeriveKey(kSecret, "session-jwt")),
              "bda2f8d12f67e372a5bf08c77d34f0e220c0ef27f867ad6dd4ee2afe999b191a");
    EXPECT_EQ(Hex(DeriveKey(kSecret, "token-encryption")),
              "6f4c1090098a59ce43f480424b503ca42f2eec9a254d8a1390e9e734591f80ff");
}

TEST(KeyRingTest, GivesEachPurposeItsOwnKey) {
    auto ring = KeyRing::Create(kSecret, {});
    ASSERT_TRUE(ring) << ring.error().detail;
    std::set<std::string> keys;
    for (const auto purpose :
         {kSessionJwtPurpose, kTokenEncryptionPurpose, kWebhookSecretPurpose, kOAuthStatePurpose}) {
        keys.insert(Hex(ring->CurrentKey(purpose)));
    }
    EXPECT_EQ(keys.size(), 4U) << "a key must not be shared between purposes";
    EXPECT_EQ(ring->CurrentKey("session-jwt"), ring->CurrentKey("session-jwt"))
        << "the derivation is deterministic";
}

TEST(KeyRingTest, ListsTheCurrentKeyFirstThenThePreviousOnesInOrder) {
    auto ring = KeyRing::Create("new-secret", {"older-secret", "oldest-secret"});
    ASSERT_TRUE(ring);
    const auto keys = ring->KeysFor(kTokenEncryptionPurpose);
    ASSERT_EQ(keys.size(), 3U);
    EXPECT_EQ(keys[0], ring->CurrentKey(kTokenEncryptionPurpose));
    EXPECT_EQ(keys[0], DeriveKey("new-secret", kTokenEncryptionPurpose));
    EXPECT_EQ(keys[1], DeriveKey("older-secret", kTokenEncryptionPurpose));
    EXPECT_EQ(keys[2], DeriveKey("oldest-secret", kTokenEncryptionPurpose));
}

TEST(KeyRingTest, DropsEmptyAndRepeatedPreviousSecrets) {
    auto ring = KeyRing::Create("current", {"", "old", "current", "old", ""});
    ASSERT_TRUE(ring);
    EXPECT_EQ(ring->Size(), 2U);
    const auto keys = ring->KeysFor(kOAuthStatePurpose);
    ASSERT_EQ(keys.size(), 2U);
    EXPECT_EQ(keys[1], DeriveKey("old", kOAuthStatePurpose));
}

TEST(KeyRingTest, RefusesAnEmptyCurrentSecret) {
    auto ring = KeyRing::Create("", {"old"});
    ASSERT_FALSE(ring);
    EXPECT_EQ(ring.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(ring.error().detail.find("SECRET_KEY"), std::string::npos) << ring.error().detail;
}

}  // namespace
}  // namespace nectr::auth
