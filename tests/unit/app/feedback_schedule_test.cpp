// The poll_feedback job queued after a review is posted, on both engines: when it runs, what it
// carries, and one per review.
#include "app/feedback_schedule.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "store/sql.hpp"
#include "support/test_database.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;
using store::Engine;

constexpr std::int64_t kNowMs = 1'700'000'000'000;
constexpr std::int64_t kHourMs = 3'600'000;

class FeedbackScheduleTest : public testing::MigratedDatabaseTest {
protected:
    store::Rows Waiting() {
        constexpr const char* kSql =
            "SELECT payload, run_at, repo_full_name, pr_number FROM jobs "
            "WHERE kind = 'poll_feedback' AND state = 'queued' ORDER BY id";
        constexpr store::Query kWaiting{"test.waiting_polls", kSql, kSql};
        auto rows = store::Execute(Db(), kWaiting);
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? *rows : store::Rows{};
    }
};

TEST_P(FeedbackScheduleTest, QueuesOnePollThatRunsHoursLaterAndNamesTheReview) {
    auto queued = SchedulePollFeedback(Db(), "acme/widgets", 7, 4242, 99, 24, kNowMs);
    ASSERT_TRUE(queued) << queued.error().detail;
    store::Rows rows = Waiting();
    ASSERT_EQ(rows.size(), 1U);
    json::object payload = json::parse(store::AsText(rows.rows[0][0]).value_or("")).as_object();
    EXPECT_EQ(payload["repository"], "acme/widgets");
    EXPECT_EQ(payload["pr_number"], 7);
    EXPECT_EQ(payload["review_id"], 4242);
    EXPECT_EQ(payload["installation_id"], 99);
    EXPECT_EQ(store::AsInt(rows.rows[0][1]), kNowMs + 24 * kHourMs);
    EXPECT_EQ(store::AsText(rows.rows[0][2]), "acme/widgets");
    EXPECT_EQ(store::AsInt(rows.rows[0][3]), 7);
}

TEST_P(FeedbackScheduleTest, ASecondCallForTheSameReviewReplacesTheWaitingPoll) {
    ASSERT_TRUE(SchedulePollFeedback(Db(), "acme/widgets", 7, 4242, std::nullopt, 24, kNowMs));
    ASSERT_TRUE(
        SchedulePollFeedback(Db(), "acme/widgets", 7, 4242, std::nullopt, 24, kNowMs + 60'000));
    store::Rows rows = Waiting();
    ASSERT_EQ(rows.size(), 1U) << "a review is polled once";
    EXPECT_EQ(store::AsInt(rows.rows[0][1]), kNowMs + 60'000 + 24 * kHourMs) << "the later one";

    ASSERT_TRUE(SchedulePollFeedback(Db(), "acme/widgets", 8, 5151, std::nullopt, 24, kNowMs));
    ASSERT_TRUE(SchedulePollFeedback(Db(), "acme/gadgets", 7, 4242, std::nullopt, 24, kNowMs));
    EXPECT_EQ(Waiting().size(), 3U) << "other reviews keep their own polls";
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackScheduleTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::app
