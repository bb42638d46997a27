// Pure helpers: base64, URL building, the Link header and GitHub's timestamps.
#include <gtest/gtest.h>

#include "github/base64.hpp"
#include "github/json_fields.hpp"
#include "github/link_header.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

TEST(Base64Test, DecodesGitHubContentWithLineBreaksEvery60Characters) {
    // "hello, world\n" three times, wrapped the way the contents API wraps it.
    const std::string encoded = "aGVsbG8sIHdvcmxkCmhlbGxvLCB3b3JsZApoZWxsbywgd29ybGQK\n";
    EXPECT_EQ(DecodeBase64(encoded), "hello, world\nhello, world\nhello, world\n");
    EXPECT_EQ(DecodeBase64("aGVs\nbG8=\r\n"), "hello");
    EXPECT_EQ(DecodeBase64("aGk="), "hi");
    EXPECT_EQ(DecodeBase64("aGk"), "hi") << "missing padding is tolerated";
    EXPECT_EQ(DecodeBase64(""), "");
}

TEST(Base64Test, AcceptsTheEscapedLineBreaksOfGitHubsPublishedExamples) {
    EXPECT_EQ(DecodeBase64(R"(aGVs\nbG8=)"), "hello");
}

TEST(Base64Test, RejectsTextThatIsNotBase64) {
    EXPECT_FALSE(DecodeBase64("aGVsbG8*"));
    EXPECT_FALSE(DecodeBase64("a"));
    EXPECT_FALSE(DecodeBase64("aGk=aGk=")) << "data after padding";
    EXPECT_FALSE(DecodeBase64("aGk==="));
}

TEST(Base64Test, EncodesBase64UrlWithoutPadding) {
    EXPECT_EQ(EncodeBase64Url(""), "");
    EXPECT_EQ(EncodeBase64Url("f"), "Zg");
    EXPECT_EQ(EncodeBase64Url("fo"), "Zm8");
    EXPECT_EQ(EncodeBase64Url("foo"), "Zm9v");
    EXPECT_EQ(EncodeBase64Url(std::string("\xfb\xff\xfe", 3)), "-__-");
    EXPECT_EQ(DecodeBase64("Zm9vYg"), "foob");
}

TEST(UrlTest, EncodesNamesSoThatTheyCannotChangeTheResource) {
    EXPECT_EQ(RepoPath({"octo cat", "hello?world"}, "/pulls/1"),
              "/repos/octo%20cat/hello%3Fworld/pulls/1");
    EXPECT_EQ(EncodePath("src/a b/#1.c"), "src/a%20b/%231.c");
    EXPECT_EQ(EncodePathSegment("feature/x"), "feature%2Fx");
    EXPECT_EQ(WithQuery("/a", {{"ref", "release/1.0"}, {"x", "a&b"}}),
              "/a?ref=release%2F1.0&x=a%26b");
    EXPECT_EQ(WithQuery("/a?b=1", {{"c", "2"}}), "/a?b=1&c=2");
    EXPECT_EQ(NormalizeApiUrl("https://ghe.example.com/api/v3/"), "https://ghe.example.com/api/v3");
}

TEST(LinkHeaderTest, FindsTheNextLinkAmongOthers) {
    const std::string header =
        R"(<https://api.github.com/repositories/1/pulls/2/files?per_page=100&page=3>; rel="next", )"
        R"(<https://api.github.com/repositories/1/pulls/2/files?per_page=100&page=5>; rel="last", )"
        R"(<https://api.github.com/repositories/1/pulls/2/files?per_page=100&page=1>; rel="first")";
    EXPECT_EQ(FindNextLink(header),
              "https://api.github.com/repositories/1/pulls/2/files?per_page=100&page=3");
    EXPECT_EQ(FindNextLink(R"(<https://x/a?page=1>; rel="prev", <https://x/a?page=9>; rel=next)"),
              "https://x/a?page=9");
    EXPECT_FALSE(FindNextLink(R"(<https://x/a?page=1>; rel="prev")"));
    EXPECT_FALSE(FindNextLink(""));
    EXPECT_FALSE(FindNextLink("garbage <without end"));
}

TEST(LinkHeaderTest, TakesOnlyTheQueryOfTheNextLinkOntoTheOwnPath) {
    EXPECT_EQ(NextPagePath("/repos/o/r/pulls/2/files?per_page=100",
                           "https://evil.example/repositories/1/pulls/2/files?per_page=100&page=2"),
              "/repos/o/r/pulls/2/files?per_page=100&page=2");
    EXPECT_EQ(NextPagePath("/user/repos?per_page=100&page=2",
                           "https://api.github.com/user/repos?page=3&per_page=100"),
              "/user/repos?per_page=100&page=3");
    EXPECT_FALSE(NextPagePath("/a?page=2", "https://x/a?page=2")) << "a link to the same page";
    EXPECT_FALSE(NextPagePath("/a?page=2", "https://x/a"));
}

TEST(TimestampTest, ReadsGitHubsTimestampsAndWritesThemBack) {
    auto time = ParseTimestamp("2016-07-11T22:14:10Z");
    ASSERT_TRUE(time);
    EXPECT_EQ(std::chrono::system_clock::to_time_t(*time), 1468275250);
    EXPECT_EQ(FormatTimestamp(*time), "2016-07-11T22:14:10Z");
    auto offset = ParseTimestamp("2016-07-12T00:14:10.123+02:00");
    ASSERT_TRUE(offset);
    EXPECT_EQ(*offset, *time);
    EXPECT_FALSE(ParseTimestamp("2016-07-11"));
    EXPECT_FALSE(ParseTimestamp("2016-13-11T22:14:10Z"));
    EXPECT_FALSE(ParseTimestamp("2016-07-11T22:14:10"));
}

}  // namespace
}  // namespace nectr::github
