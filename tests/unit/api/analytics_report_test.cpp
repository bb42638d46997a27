// The pure parts of analytics: since, medians, the ranking of authors, the days listed.
#include "api/analytics_report.hpp"

#include <gtest/gtest.h>

namespace nectr::api {
namespace {

TEST(AnalyticsSinceTest, ReadsDatesUtcTimesAndUnixMilliseconds) {
    EXPECT_EQ(ParseSince("2024-03-09").value(), 1'709'942'400'000);
    EXPECT_EQ(ParseSince("2024-02-29").value(), 1'709'164'800'000) << "a leap day";
    EXPECT_EQ(ParseSince("2024-03-09T09:00:00Z").value(), 1'709'974'800'000);
    EXPECT_EQ(ParseSince("2024-03-09T09:00:00.5Z").value(), 1'709'974'800'500);
    EXPECT_EQ(ParseSince("2024-03-09T09:00:00.123Z").value(), 1'709'974'800'123);
    EXPECT_EQ(ParseSince("1709974800000").value(), 1'709'974'800'000);
    EXPECT_EQ(ParseSince("0").value(), 0);
}

TEST(AnalyticsSinceTest, RefusesAnythingElse) {
    for (const std::string_view text :
         {"", "yesterday", "2023-02-29", "2024-00-10", "2024-1-01", "2024-03-09T09:00:00",
          "2024-03-09T24:00:00Z", "2024-03-09T09:60:00Z", "2024-03-09T09:00:00.1234Z",
          "2024-03-09T09:00:00.Z", "2024-03-09 09:00:00Z", "2024-03-09x", "-1", "1e12",
          "12345678901234567"}) {
        core::Result<std::int64_t> parsed = ParseSince(text);
        ASSERT_FALSE(parsed) << text;
        EXPECT_EQ(parsed.error().code, core::Errc::kInvalidInput) << text;
    }
}

TEST(AnalyticsMedianTest, TakesTheMiddleOrTheMeanOfTheMiddleTwoRoundedDown) {
    EXPECT_FALSE(MedianOf({}));
    EXPECT_EQ(MedianOf({7}), 7);
    EXPECT_EQ(MedianOf({9, 1, 5}), 5) << "unsorted input";
    EXPECT_EQ(MedianOf({4, 1, 2, 3}), 2) << "(2 + 3) / 2 rounds down";
    EXPECT_EQ(MedianOf({10, 30}), 20);
}

TEST(AnalyticsAuthorsTest, RanksByPullRequestsThenReviewsThenLoginAndKeepsTheFirstN) {
    std::vector<AuthorFigures> authors = {
        {"zoe", 1, 1}, {"amy", 1, 1}, {"bob", 3, 3}, {"cat", 1, 4}, {"Dan", 1, 1}};
    std::vector<AuthorFigures> top = TopAuthors(authors, 4);
    ASSERT_EQ(top.size(), 4u);
    EXPECT_EQ(top[0].author, "bob");
    EXPECT_EQ(top[1].author, "cat");
    EXPECT_EQ(top[2].author, "Dan") << "ties by byte order: upper case first, as on any engine";
    EXPECT_EQ(top[3].author, "amy");
}

TEST(AnalyticsDaysTest, ListsEveryDayOfTheWindowWithZerosInTheGaps) {
    const std::int64_t since = 3 * kDayMs + 5;  // within day 3
    const std::int64_t now = 6 * kDayMs + 1;    // day 6
    std::vector<DayFigures> days = FillDays({{5, 2, 1, 10, 1, 7}}, since, now);
    ASSERT_EQ(days.size(), 4u);
    EXPECT_EQ(days[0].day, 3);
    EXPECT_EQ(days[0].reviews, 0);
    EXPECT_EQ(days[2].day, 5);
    EXPECT_EQ(days[2].cost_micros, 7);
    EXPECT_EQ(days[3].day, 6);
}

TEST(AnalyticsDaysTest, StartsALongWindowAtItsFirstDayWithAReview) {
    const std::int64_t now = 1000 * kDayMs;
    std::vector<DayFigures> days = FillDays({{990, 1, 1, 0, 0, 0}}, 0, now);
    ASSERT_EQ(days.size(), 11u);
    EXPECT_EQ(days.front().day, 990);
    EXPECT_TRUE(FillDays({}, 0, now).empty()) << "no review in a long window: no days";
    EXPECT_EQ(FillDays({}, now - 2 * kDayMs, now).size(), 3u);
}

}  // namespace
}  // namespace nectr::api
