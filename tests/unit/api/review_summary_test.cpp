// The pure helpers of the review pages: summary cuts, pull request links, path ids.
#include "api/review_summary.hpp"

#include <gtest/gtest.h>

#include "api/query_params.hpp"

namespace nectr::api {
namespace {

TEST(ReviewSummaryTest, CutsUtf8TextAtCharactersNotBytes) {
    EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc");
    EXPECT_EQ(TruncateUtf8("ab", 3), "ab");
    EXPECT_EQ(TruncateUtf8("", 3), "");
    EXPECT_EQ(TruncateUtf8("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
    EXPECT_EQ(TruncateUtf8("a\xF0\x9F\x90\x9D"
                           "b",
                           2),
              "a\xF0\x9F\x90\x9D")
        << "a four-byte character stays whole";
    EXPECT_EQ(TruncateUtf8("abc", 0), "");
}

TEST(ReviewSummaryTest, LinksThePullRequestOnTheConfiguredWebRoot) {
    EXPECT_EQ(PullRequestUrl("https://github.com", "octo/repo", 12),
              "https://github.com/octo/repo/pull/12");
    EXPECT_EQ(PullRequestUrl("https://ghe.example.com/", "octo/repo", 1),
              "https://ghe.example.com/octo/repo/pull/1");
}

TEST(ReviewSummaryTest, ReadsOnlyPositiveDecimalIds) {
    EXPECT_EQ(ParsePositiveId("42"), 42);
    EXPECT_EQ(ParsePositiveId("9223372036854775807"), INT64_MAX);
    for (const std::string_view text :
         {"", "0", "-1", "+1", "01", " 1", "1 ", "1.0", "0x10", "9223372036854775808"}) {
        EXPECT_FALSE(ParsePositiveId(text)) << text;
    }
}

}  // namespace
}  // namespace nectr::api
