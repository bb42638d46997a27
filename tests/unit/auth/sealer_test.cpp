#include "auth/sealer.hpp"

#include <gtest/gtest.h>

#include "auth/fernet.hpp"
#include "auth_test_support.hpp"

namespace nectr::auth {
namespace {

using testing::FakeClock;

constexpr std::int64_t kNow = 1'700'000'000;

KeyRing Ring(std::string current, std::vector<std::string> previous = {}) {
    auto ring = KeyRing::Create(std::move(current), std::move(previous));
    EXPECT_TRUE(ring);
    return *ring;
}

TEST(SealerTest, SealsWithTheCurrentKeyOfItsPurposeAndStampsTheClock) {
    FakeClock clock(kNow);
    const KeyRing ring = Ring("current-secret", {"old-secret"});
    const Sealer sealer(ring, std::string(kTokenEncryptionPurpose), clock);
    const std::string token = sealer.Seal("gho_abc");
    EXPECT_EQ(FernetTimestamp(token), kNow);
    auto direct = FernetDecrypt(ring.CurrentKey(kTokenEncryptionPurpose), token, kNow);
    ASSERT_TRUE(direct) << "a sealed value is a plain Fernet token under the purpose's key";
    EXPECT_EQ(*direct, "gho_abc");
    EXPECT_FALSE(FernetDecrypt(ring.CurrentKey(kWebhookSecretPurpose), token, kNow))
        << "another purpose's key must not open it";
}

TEST(SealerTest, OpensWhatItSealedWhateverTheClockDoesLater) {
    FakeClock clock(kNow);
    const KeyRing ring = Ring("current-secret");
    const Sealer sealer(ring, std::string(kTokenEncryptionPurpose), clock);
    const std::string token = sealer.Seal("webhook secret");
    clock.Advance(std::chrono::hours(24 * 365 * 5));
    auto opened = sealer.Open(token);
    ASSERT_TRUE(opened) << "data at rest must not expire";
    EXPECT_EQ(*opened, "webhook secret");
    EXPECT_FALSE(sealer.NeedsResealing(token));
}

TEST(SealerTest, OpensTokensOfAPreviousSecretAndAsksForResealing) {
    FakeClock clock(kNow);
    const KeyRing before = Ring("old-secret");
    const std::string old_token =
        Sealer(before, std::string(kTokenEncryptionPurpose), clock).Seal("gho_before");

    const KeyRing after = Ring("new-secret", {"old-secret"});
    const Sealer sealer(after, std::string(kTokenEncryptionPurpose), clock);
    auto opened = sealer.Open(old_token);
    ASSERT_TRUE(opened) << opened.error().detail;
    EXPECT_EQ(*opened, "gho_before");
    EXPECT_TRUE(sealer.NeedsResealing(old_token));

    const std::string resealed = sealer.Seal(*opened);
    EXPECT_FALSE(sealer.NeedsResealing(resealed));
    EXPECT_TRUE(FernetDecrypt(after.CurrentKey(kTokenEncryptionPurpose), resealed, kNow));
}

TEST(SealerTest, RefusesTokensOfARetiredSecretOrGarbage) {
    FakeClock clock(kNow);
    const std::string old_token =
        Sealer(Ring("retired-secret"), "token-encryption", clock).Seal("gho_gone");
    const Sealer sealer(Ring("new-secret", {"other-old"}), "token-encryption", clock);
    for (const std::string& token : {old_token, std::string("garbage"), std::string()}) {
        auto opened = sealer.Open(token);
        ASSERT_FALSE(opened);
        EXPECT_EQ(opened.error().code, core::Errc::kInvalidInput);
        EXPECT_FALSE(sealer.NeedsResealing(token)) << "nothing to reseal when nothing opens it";
    }
}

TEST(SealerTest, DoesNotNeedTheRingToOutliveIt) {
    FakeClock clock(kNow);
    std::optional<Sealer> sealer;
    {
        const KeyRing ring = Ring("scoped-secret");
        sealer.emplace(ring, "token-encryption", clock);
    }
    auto opened = sealer->Open(sealer->Seal("still here"));
    ASSERT_TRUE(opened);
    EXPECT_EQ(*opened, "still here");
}

}  // namespace
}  // namespace nectr::auth
