#include "queue/review_intents.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using store::Engine;

class QueueReviewIntentsTest : public QueueEngineTest {
protected:
    void SetUp() override {
        QueueEngineTest::SetUp();
        if (!HasFatalFailure()) {
            intents = std::make_unique<ReviewIntents>(*database, clock);
            job_id = MustEnqueue(Review(12));
            retry_job_id = MustEnqueue(Review(12));
        }
    }
    void TearDown() override {
        intents.reset();
        QueueEngineTest::TearDown();
    }

    IntentState MustBegin(std::int64_t job) {
        Result<IntentState> state = intents->BeginPosting("octo/repo", 12, "abc123", job);
        if (!state) {
            ADD_FAILURE() << "BeginPosting: " << state.error().detail;
            return {};
        }
        return *state;
    }

    std::optional<std::int64_t> IntentJob() {
        static constexpr store::Query kIntentJob{
            "test.intent_job",
            "SELECT job_id FROM review_intents WHERE repo_full_name = 'octo/repo' AND "
            "pr_number = 12 AND head_sha = 'abc123'",
            "SELECT job_id FROM review_intents WHERE repo_full_name = 'octo/repo' AND "
            "pr_number = 12 AND head_sha = 'abc123'"};
        return Scalar(kIntentJob, {});
    }

    std::unique_ptr<ReviewIntents> intents;
    std::int64_t job_id = 0;
    std::int64_t retry_job_id = 0;
};

TEST_P(QueueReviewIntentsTest, TheFirstAttemptProceedsAndAfterPostingTheNextDoesNothing) {
    Result<bool> posted = intents->IsPosted("octo/repo", 12, "abc123");
    ASSERT_TRUE(posted) << posted.error().detail;
    EXPECT_FALSE(*posted);
    EXPECT_EQ(MustBegin(job_id).action, PostingAction::kProceed);

    ASSERT_TRUE(intents->MarkPosted("octo/repo", 12, "abc123", 9001));
    posted = intents->IsPosted("octo/repo", 12, "abc123");
    ASSERT_TRUE(posted);
    EXPECT_TRUE(*posted);
    const IntentState again = MustBegin(retry_job_id);
    EXPECT_EQ(again.action, PostingAction::kAlreadyPosted) << "a posted review is never reposted";
    EXPECT_EQ(again.github_review_id, 9001);
    EXPECT_EQ(IntentJob(), job_id) << "a job that does nothing does not take the record over";
}

TEST_P(QueueReviewIntentsTest, ARetryAfterACrashBetweenIntentAndPostResumes) {
    EXPECT_EQ(MustBegin(job_id).action, PostingAction::kProceed);
    // The attempt crashes here, before GitHub answered.
    const IntentState resumed = MustBegin(retry_job_id);
    EXPECT_EQ(resumed.action, PostingAction::kResume);
    EXPECT_FALSE(resumed.github_review_id.has_value());
    EXPECT_EQ(IntentJob(), retry_job_id) << "the retry takes the unfinished posting over";

    // The retry gets as far as creating the review, then crashes too.
    ASSERT_TRUE(intents->RecordReviewId("octo/repo", 12, "abc123", 4242));
    const IntentState third = MustBegin(job_id);
    EXPECT_EQ(third.action, PostingAction::kResume);
    EXPECT_EQ(third.github_review_id, 4242) << "the next attempt finishes that review";

    ASSERT_TRUE(intents->MarkPosted("octo/repo", 12, "abc123", 4242));
    EXPECT_EQ(MustBegin(job_id).action, PostingAction::kAlreadyPosted);
}

TEST_P(QueueReviewIntentsTest, AnotherCommitOrPullRequestIsItsOwnPosting) {
    EXPECT_EQ(MustBegin(job_id).action, PostingAction::kProceed);
    ASSERT_TRUE(intents->MarkPosted("octo/repo", 12, "abc123", 1));
    Result<IntentState> new_head = intents->BeginPosting("octo/repo", 12, "def456", job_id);
    ASSERT_TRUE(new_head);
    EXPECT_EQ(new_head->action, PostingAction::kProceed);
    Result<IntentState> other_pr = intents->BeginPosting("octo/repo", 13, "abc123", job_id);
    ASSERT_TRUE(other_pr);
    EXPECT_EQ(other_pr->action, PostingAction::kProceed);
}

TEST_P(QueueReviewIntentsTest, RecordingOrMarkingWithoutAnIntentIsRefused) {
    Result<void> recorded = intents->RecordReviewId("octo/repo", 12, "abc123", 5);
    ASSERT_FALSE(recorded);
    EXPECT_EQ(recorded.error().code, Errc::kConflict);
    Result<void> marked = intents->MarkPosted("octo/repo", 12, "abc123", 5);
    ASSERT_FALSE(marked);
    EXPECT_EQ(marked.error().code, Errc::kNotFound);

    EXPECT_EQ(MustBegin(job_id).action, PostingAction::kProceed);
    ASSERT_TRUE(intents->MarkPosted("octo/repo", 12, "abc123", 5));
    Result<void> late = intents->RecordReviewId("octo/repo", 12, "abc123", 6);
    ASSERT_FALSE(late) << "a posted review's id is settled";
    EXPECT_EQ(late.error().code, Errc::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Engines, QueueReviewIntentsTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
