// Fernet against the specification's own vectors (fernet/spec: generate, verify, invalid),
// plus the edges the vectors leave out.
#include "auth/fernet.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "auth/base64url.hpp"
#include "auth_test_support.hpp"
#include "core/json_fields.hpp"

namespace nectr::auth {
namespace {

using testing::LoadSharedFixture;
using testing::ParseRfc3339Seconds;
namespace json = boost::json;

constexpr std::int64_t kNow = 1'700'000'000;

Key32 KeyOf(const json::object& vector) {
    auto key = ParseFernetKey(core::StringAt(vector, "secret"));
    EXPECT_TRUE(key) << "vector secret must parse";
    return key ? *key : Key32{};
}

Key32 TestKey() {
    Key32 key{};
    for (std::size_t i = 0; i < key.size(); ++i) {
        key[i] = static_cast<unsigned char>(i * 11 + 5);
    }
    return key;
}

TEST(FernetTest, GeneratesEveryTokenOfTheSpecVectors) {
    const json::value vectors = LoadSharedFixture("fernet/generate.json");
    ASSERT_TRUE(vectors.is_array());
    ASSERT_FALSE(vectors.as_array().empty());
    for (const json::value& entry : vectors.as_array()) {
        const json::object& vector = entry.as_object();
        std::vector<unsigned char> iv;
        for (const json::value& byte : vector.at("iv").as_array()) {
            iv.push_back(static_cast<unsigned char>(byte.to_number<int>()));
        }
        const std::int64_t now = ParseRfc3339Seconds(core::StringAt(vector, "now"));
        ASSERT_GT(now, 0) << core::StringAt(vector, "now");
        EXPECT_EQ(FernetEncrypt(KeyOf(vector), core::StringAt(vector, "src"), now, iv),
                  core::StringAt(vector, "token"));
    }
}

TEST(FernetTest, DecryptsEveryTokenOfTheSpecVectors) {
    const json::value vectors = LoadSharedFixture("fernet/verify.json");
    ASSERT_TRUE(vectors.is_array());
    ASSERT_FALSE(vectors.as_array().empty());
    for (const json::value& entry : vectors.as_array()) {
        const json::object& vector = entry.as_object();
        const std::int64_t now = ParseRfc3339Seconds(core::StringAt(vector, "now"));
        auto plaintext = FernetDecrypt(KeyOf(vector), core::StringAt(vector, "token"), now,
                                       core::IntAt(vector, "ttl_sec"));
        ASSERT_TRUE(plaintext) << plaintext.error().detail;
        EXPECT_EQ(*plaintext, core::StringAt(vector, "src"));
    }
}

TEST(FernetTest, RejectsEveryInvalidTokenOfTheSpecVectors) {
    const json::value vectors = LoadSharedFixture("fernet/invalid.json");
    ASSERT_TRUE(vectors.is_array());
    ASSERT_GE(vectors.as_array().size(), 8U);
    for (const json::value& entry : vectors.as_array()) {
        const json::object& vector = entry.as_object();
        const std::int64_t now = ParseRfc3339Seconds(core::StringAt(vector, "now"));
        auto plaintext = FernetDecrypt(KeyOf(vector), core::StringAt(vector, "token"), now,
                                       core::IntAt(vector, "ttl_sec"));
        ASSERT_FALSE(plaintext) << "accepted: " << core::StringAt(vector, "desc");
        EXPECT_EQ(plaintext.error().code, core::Errc::kInvalidInput);
        EXPECT_EQ(plaintext.error().detail, "invalid token")
            << "the reason must not help a forger: " << core::StringAt(vector, "desc");
    }
}

TEST(FernetTest, RoundTripsEmptyBinaryAndLongPlaintexts) {
    const Key32 key = TestKey();
    std::string binary;
    for (int i = 0; i < 256; ++i) {
        binary += static_cast<char>(i);
    }
    for (const std::string& plaintext :
         {std::string(), std::string("ghu_16C7e42F292c6912E7710c838347Ae178B4a"), binary,
          std::string(100'000, 'x'), std::string(16, 'b')}) {
        const std::string token = FernetEncrypt(key, plaintext, kNow);
        auto opened = FernetDecrypt(key, token, kNow);
        ASSERT_TRUE(opened) << "size " << plaintext.size();
        EXPECT_EQ(*opened, plaintext);
    }
}

TEST(FernetTest, DrawsAFreshIvForEveryToken) {
    const Key32 key = TestKey();
    EXPECT_NE(FernetEncrypt(key, "same", kNow), FernetEncrypt(key, "same", kNow));
}

TEST(FernetTest, RefusesATokenUnderAnotherKey) {
    Key32 other = TestKey();
    other[31] ^= 1;
    auto opened = FernetDecrypt(other, FernetEncrypt(TestKey(), "secret", kNow), kNow);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().detail, "invalid token");
}

TEST(FernetTest, RefusesATokenWithAnyByteFlipped) {
    const Key32 key = TestKey();
    const std::string token = FernetEncrypt(key, "attack at dawn", kNow);
    const auto raw = DecodeBase64Url(token, Base64Padding::kWith);
    ASSERT_TRUE(raw);
    for (std::size_t i = 0; i < raw->size(); ++i) {
        std::string forged = *raw;
        forged[i] = static_cast<char>(forged[i] ^ 0x01);
        EXPECT_FALSE(FernetDecrypt(key, EncodeBase64Url(forged, Base64Padding::kWith), kNow))
            << "byte " << i << " flipped";
    }
    EXPECT_FALSE(FernetDecrypt(key, token.substr(0, token.size() - 4), kNow)) << "truncated";
}

TEST(FernetTest, ChecksAgeAndFutureStampsOnlyWithATtl) {
    const Key32 key = TestKey();
    const std::string token = FernetEncrypt(key, "x", kNow);
    EXPECT_TRUE(FernetDecrypt(key, token, kNow + 300, 300)) << "exactly ttl old is still fine";
    EXPECT_FALSE(FernetDecrypt(key, token, kNow + 301, 300));
    EXPECT_TRUE(FernetDecrypt(key, token, kNow - 60, 300)) << "60 s of clock skew is allowed";
    EXPECT_FALSE(FernetDecrypt(key, token, kNow - 61, 300));
    EXPECT_TRUE(FernetDecrypt(key, token, kNow + 10'000'000)) << "no ttl: no age limit";
    EXPECT_TRUE(FernetDecrypt(key, token, kNow - 10'000'000)) << "no ttl: no skew limit";
}

TEST(FernetTest, SurvivesExtremeStampsAndTtlsWithoutOverflow) {
    const Key32 key = TestKey();
    const std::string far_future = FernetEncrypt(key, "x", -1);  // stamp 0xFFFF...FF
    EXPECT_FALSE(FernetDecrypt(key, far_future, kNow, 60));
    EXPECT_TRUE(FernetDecrypt(key, far_future, kNow));
    const std::string old = FernetEncrypt(key, "x", 0);
    EXPECT_TRUE(FernetDecrypt(key, old, kNow, std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(FernetDecrypt(key, old, kNow, std::numeric_limits<std::int64_t>::min()));
}

TEST(FernetTest, ReadsTheTimestampOfAToken) {
    EXPECT_EQ(FernetTimestamp(FernetEncrypt(TestKey(), "x", kNow)), kNow);
    EXPECT_EQ(FernetTimestamp("not a token"), std::nullopt);
}

TEST(FernetTest, ParsesAndPrintsKeysIn44UrlSafeCharacters) {
    const std::string text = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    auto key = ParseFernetKey(text);
    ASSERT_TRUE(key) << key.error().detail;
    EXPECT_EQ((*key)[0], 0x73);
    EXPECT_EQ((*key)[31], 0xee);
    EXPECT_EQ(FernetKeyToString(*key), text);

    for (const std::string& bad : {std::string(), text.substr(0, 43), text + "=",
                                   std::string("cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4="),
                                   std::string("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4A")}) {
        auto parsed = ParseFernetKey(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, core::Errc::kInvalidInput);
        EXPECT_EQ(parsed.error().detail.find(bad.empty() ? "\x01" : bad), std::string::npos)
            << "the key must not be echoed";
    }
}

}  // namespace
}  // namespace nectr::auth
