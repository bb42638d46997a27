#include "auth/primitives.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace nectr::auth {
namespace {

std::string FromHex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    }
    return out;
}

TEST(PrimitivesTest, HkdfMatchesRfc5869TestCaseOne) {
    std::array<unsigned char, 42> okm{};
    HkdfSha256(FromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
               FromHex("000102030405060708090a0b0c"), FromHex("f0f1f2f3f4f5f6f7f8f9"), okm);
    EXPECT_EQ(
        HexLower(okm),
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST(PrimitivesTest, HmacMatchesRfc4231TestCaseTwo) {
    const std::string key = "Jefe";
    EXPECT_EQ(HexLower(HmacSha256(BytesOf(key), "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(PrimitivesTest, HmacAcceptsEmptyKeyAndMessage) {
    // Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
    EXPECT_EQ(HexLower(HmacSha256({}, "")),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(PrimitivesTest, Sha256MatchesTheKnownDigestOfAbc) {
    EXPECT_EQ(HexLower(Sha256("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PrimitivesTest, ConstantTimeEqualsComparesSizeAndEveryByte) {
    EXPECT_TRUE(ConstantTimeEquals(BytesOf("abc"), BytesOf("abc")));
    EXPECT_TRUE(ConstantTimeEquals(BytesOf(""), BytesOf("")));
    EXPECT_FALSE(ConstantTimeEquals(BytesOf("abc"), BytesOf("abd")));
    EXPECT_FALSE(ConstantTimeEquals(BytesOf("abc"), BytesOf("abcd")));
    EXPECT_FALSE(ConstantTimeEquals(BytesOf("abc"), BytesOf("")));
}

TEST(PrimitivesTest, RandomBytesDifferBetweenDraws) {
    std::set<std::string> draws;
    for (int i = 0; i < 20; ++i) {
        std::array<unsigned char, 16> bytes{};
        FillRandom(bytes);
        draws.insert(HexLower(bytes));
    }
    EXPECT_EQ(draws.size(), 20U) << "128-bit draws must not repeat";
}

}  // namespace
}  // namespace nectr::auth
