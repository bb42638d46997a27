#include "core/dotenv.hpp"

#include <gtest/gtest.h>

namespace nectr::core {
namespace {

TEST(DotenvTest, ReadsPlainQuotedAndExportedValues) {
    auto values = ParseDotenv(
        "# a comment\n"
        "PORT=9000\n"
        "export HOST = 0.0.0.0\n"
        "NAME=\"two words\"\n"
        "LITERAL='no $expansion \\n here'\n"
        "ESCAPED=\"line1\\nline2 \\\"quoted\\\"\"\n"
        "TRAILING=value # comment\n"
        "EMPTY=\n"
        "\n");
    ASSERT_TRUE(values) << values.error().detail;
    EXPECT_EQ(values->at("PORT"), "9000");
    EXPECT_EQ(values->at("HOST"), "0.0.0.0");
    EXPECT_EQ(values->at("NAME"), "two words");
    EXPECT_EQ(values->at("LITERAL"), "no $expansion \\n here");
    EXPECT_EQ(values->at("ESCAPED"), "line1\nline2 \"quoted\"");
    EXPECT_EQ(values->at("TRAILING"), "value");
    EXPECT_EQ(values->at("EMPTY"), "");
}

TEST(DotenvTest, ReadsADoubleQuotedValueOverSeveralLines) {
    auto values = ParseDotenv("KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT=1\n");
    ASSERT_TRUE(values) << values.error().detail;
    EXPECT_EQ(values->at("KEY"), "-----BEGIN KEY-----\nabc\n-----END KEY-----");
    EXPECT_EQ(values->at("NEXT"), "1");
}

TEST(DotenvTest, NamesTheLineOfAMalformedEntryWithoutEchoingIt) {
    auto values = ParseDotenv("GOOD=1\nthis is not a setting sk-secret\n");
    ASSERT_FALSE(values);
    EXPECT_NE(values.error().detail.find("line 2"), std::string::npos) << values.error().detail;
    EXPECT_EQ(values.error().detail.find("sk-secret"), std::string::npos);
}

TEST(DotenvTest, RejectsAnUnclosedQuote) {
    auto values = ParseDotenv("A='open\n");
    ASSERT_FALSE(values);
    EXPECT_NE(values.error().detail.find("not closed"), std::string::npos);
}

TEST(DotenvTest, HandlesWindowsLineEndings) {
    auto values = ParseDotenv("A=1\r\nB=\"two\"\r\n");
    ASSERT_TRUE(values) << values.error().detail;
    EXPECT_EQ(values->at("A"), "1");
    EXPECT_EQ(values->at("B"), "two");
}

}  // namespace
}  // namespace nectr::core
