#include "auth/base64url.hpp"

#include <gtest/gtest.h>

namespace nectr::auth {
namespace {

TEST(Base64UrlTest, EncodesTheRfc4648VectorsWithAndWithoutPadding) {
    EXPECT_EQ(EncodeBase64Url("", Base64Padding::kWith), "");
    EXPECT_EQ(EncodeBase64Url("f", Base64Padding::kWith), "Zg==");
    EXPECT_EQ(EncodeBase64Url("fo", Base64Padding::kWith), "Zm8=");
    EXPECT_EQ(EncodeBase64Url("foo", Base64Padding::kWith), "Zm9v");
    EXPECT_EQ(EncodeBase64Url("foob", Base64Padding::kWithout), "Zm9vYg");
    EXPECT_EQ(EncodeBase64Url("fooba", Base64Padding::kWithout), "Zm9vYmE");
    EXPECT_EQ(EncodeBase64Url("foobar", Base64Padding::kWithout), "Zm9vYmFy");
}

TEST(Base64UrlTest, UsesTheUrlSafeAlphabet) {
    const std::string bytes = "\xfb\xff\xbf";
    EXPECT_EQ(EncodeBase64Url(bytes, Base64Padding::kWith), "-_-_");
    EXPECT_EQ(DecodeBase64Url("-_-_", Base64Padding::kWith), bytes);
    EXPECT_EQ(DecodeBase64Url("+/+/", Base64Padding::kWith), std::nullopt)
        << "the standard alphabet's + and / are not URL-safe base64";
}

TEST(Base64UrlTest, RoundTripsEveryLengthAndByte) {
    std::string bytes;
    for (int i = 0; i < 300; ++i) {
        bytes += static_cast<char>(i * 7 + 3);
        for (const auto padding : {Base64Padding::kWith, Base64Padding::kWithout}) {
            const auto decoded = DecodeBase64Url(EncodeBase64Url(bytes, padding), padding);
            ASSERT_TRUE(decoded) << "length " << bytes.size();
            EXPECT_EQ(*decoded, bytes);
        }
    }
}

TEST(Base64UrlTest, InsistsOnThePaddingItWasAskedFor) {
    EXPECT_EQ(DecodeBase64Url("Zm8", Base64Padding::kWith), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Zm8=", Base64Padding::kWithout), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Zg=", Base64Padding::kWith), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Z===", Base64Padding::kWith), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Zg==Zg==", Base64Padding::kWith), std::nullopt)
        << "padding only at the end";
    EXPECT_EQ(DecodeBase64Url("Zm9vY", Base64Padding::kWithout), std::nullopt)
        << "one character over a group carries no whole byte";
}

TEST(Base64UrlTest, RefusesForeignCharactersAndNonCanonicalEndings) {
    EXPECT_EQ(DecodeBase64Url("Zm 9v", Base64Padding::kWithout), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Zm9v\n", Base64Padding::kWithout), std::nullopt);
    EXPECT_EQ(DecodeBase64Url(std::string_view("Zm\0v", 4), Base64Padding::kWithout), std::nullopt);
    EXPECT_EQ(DecodeBase64Url("Zh==", Base64Padding::kWith), std::nullopt)
        << "'h' leaves non-zero bits after the byte that 'Zg' encodes";
    EXPECT_EQ(DecodeBase64Url("Zm9=", Base64Padding::kWith), std::nullopt);
}

}  // namespace
}  // namespace nectr::auth
