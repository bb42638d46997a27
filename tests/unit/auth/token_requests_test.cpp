// Reading token creation requests and writing token listings.
#include "auth/token_requests.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nectr::auth {
namespace {

TEST(NewTokenRequestTest, ReadsANameAndOptionalDays) {
    auto plain = ParseNewTokenRequest(R"({"name": "  ci  "})");
    ASSERT_TRUE(plain) << plain.error().detail;
    EXPECT_EQ(plain->name, "ci") << "surrounding spaces are trimmed";
    EXPECT_EQ(plain->expires_in_days, std::nullopt);
    auto days = ParseNewTokenRequest(R"({"name": "ci", "expires_in_days": 365})");
    ASSERT_TRUE(days);
    EXPECT_EQ(days->expires_in_days, 365);
    auto null_days = ParseNewTokenRequest(R"({"name": "ci", "expires_in_days": null})");
    ASSERT_TRUE(null_days);
    EXPECT_EQ(null_days->expires_in_days, std::nullopt);
}

TEST(NewTokenRequestTest, CountsCharactersNotBytes) {
    std::string hundred;
    for (int i = 0; i < 100; ++i) {
        hundred += "\xe2\x9c\x93";  // U+2713, three bytes
    }
    EXPECT_TRUE(ParseNewTokenRequest(R"({"name": ")" + hundred + R"("})"));
    EXPECT_FALSE(ParseNewTokenRequest(R"({"name": ")" + hundred + R"(x"})"));
}

TEST(NewTokenRequestTest, NamesTheFieldThatIsWrong) {
    auto name = ParseNewTokenRequest(R"({"name": ""})");
    ASSERT_FALSE(name);
    EXPECT_EQ(name.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(name.error().detail.find("name"), std::string::npos);
    auto days = ParseNewTokenRequest(R"({"name": "x", "expires_in_days": -1})");
    ASSERT_FALSE(days);
    EXPECT_NE(days.error().detail.find("expires_in_days"), std::string::npos);
    EXPECT_FALSE(ParseNewTokenRequest(R"({"name": "x", "expires_in_days": 18446744073709551615})"));
    EXPECT_FALSE(ParseNewTokenRequest(R"({"name": "tab\there"})"));
    EXPECT_FALSE(ParseNewTokenRequest(R"({"name": "x"} trailing)"));
}

TEST(TokenIdTest, AcceptsOnlyPositiveDecimalIntegers) {
    EXPECT_EQ(ParseTokenId("42"), 42);
    for (const char* bad : {"", "0", "-1", "+1", "1x", "x", "99999999999999999999", " 1"}) {
        EXPECT_EQ(ParseTokenId(bad), std::nullopt) << bad;
    }
}

TEST(TokenListTest, RendersTimesAsIsoAndNeverMoreThanTheListing) {
    ApiTokenInfo token;
    token.id = 3;
    token.name = "ci";
    token.prefix = "nectr_abcdef";
    token.created_at_ms = 1'700'000'000'000;
    token.revoked_at_ms = 1'700'000'000'500;
    auto parsed = boost::json::parse(RenderTokenList({token})).as_object();
    auto& entry = parsed["tokens"].as_array().at(0).as_object();
    EXPECT_EQ(entry["created_at"], "2023-11-14T22:13:20.000Z");
    EXPECT_TRUE(entry["last_used_at"].is_null());
    EXPECT_TRUE(entry["expires_at"].is_null());
    EXPECT_EQ(entry["revoked"], true);
    EXPECT_EQ(entry.size(), 7u);
    auto created = boost::json::parse(RenderNewToken(token, "nectr_secret")).as_object();
    EXPECT_EQ(created["token"], "nectr_secret");
}

}  // namespace
}  // namespace nectr::auth
