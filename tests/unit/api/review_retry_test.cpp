// POST /api/v1/reviews/{id}/retry over loopback on both engines: a failed review's job is
// queued again for the people who reach its repository, and only then.
#include <gtest/gtest.h>

#include "read_api_scenario.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;

class ReviewRetryTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        stack_ = ReadApiStack::Start(GetParam());
        ASSERT_NE(stack_, nullptr);
        s_ = SeedScenario(*stack_);
    }

    std::string RetryPath(std::int64_t id) {
        return "/api/v1/reviews/" + std::to_string(id) + "/retry";
    }

    // The review job of alpha/api #8 (the failed review r4), run and failed for good.
    std::int64_t AddDeadReviewJob() {
        queue::NewJob job;
        job.kind = "review";
        job.payload = R"({"delivery":"d-8"})";
        job.repo_full_name = "alpha/api";
        job.pr_number = 8;
        job.head_sha = "abc123";
        job.coalesce_key = queue::ReviewCoalesceKey("alpha/api", 8);
        job.concurrency_key = queue::PullRequestConcurrencyKey("alpha/api", 8);
        job.max_attempts = 1;
        auto id = stack_->Jobs().Enqueue(job);
        EXPECT_TRUE(id) << id.error().detail;
        auto claimed = stack_->Jobs().Claim("test-worker");
        EXPECT_TRUE(claimed && *claimed) << "the job should be claimable";
        auto failed = stack_->Jobs().Fail(*id, "test-worker", "the model timed out", false);
        EXPECT_TRUE(failed && failed->state == queue::JobState::kDead);
        return *id;
    }

    std::unique_ptr<ReadApiStack> stack_;
    Scenario s_;
};

TEST_P(ReviewRetryTest, QueuesACopyOfTheFailedReviewsJobAndWakesTheWorkers) {
    const std::int64_t dead = AddDeadReviewJob();
    testing::HttpResult result = stack_->Post(RetryPath(s_.r4), s_.alice);
    ASSERT_EQ(result.status, 202) << result.body;
    const json::object body = json::parse(result.body).as_object();
    const std::int64_t job_id = body.at("job_id").as_int64();
    EXPECT_NE(job_id, dead);
    EXPECT_EQ(body.at("review_id").as_int64(), s_.r4);
    auto job = stack_->Jobs().Get(job_id);
    ASSERT_TRUE(job) << job.error().detail;
    EXPECT_EQ(job->state, queue::JobState::kQueued);
    EXPECT_EQ(job->kind, "review");
    EXPECT_EQ(job->payload, R"({"delivery":"d-8"})");
    EXPECT_EQ(job->pr_number, 8);
    EXPECT_EQ(job->head_sha, "abc123");
    EXPECT_EQ(job->concurrency_key, queue::PullRequestConcurrencyKey("alpha/api", 8));
    EXPECT_EQ(stack_->Wakeups(), 1);

    testing::HttpResult again = stack_->Post(RetryPath(s_.r4), s_.alice);
    EXPECT_EQ(again.status, 409) << "a review of the pull request is already queued";
    EXPECT_NE(again.body.find("already queued"), std::string::npos) << again.body;
}

TEST_P(ReviewRetryTest, OnlyFailedReviewsOfReachableRepositoriesCanBeRetried) {
    AddDeadReviewJob();
    EXPECT_EQ(stack_->Post(RetryPath(s_.r4), 0).status, 401);
    EXPECT_EQ(stack_->Post(RetryPath(s_.r4), s_.bob).status, 404)
        << "Bob does not reach alpha/api: the review reads as missing";
    EXPECT_EQ(stack_->Post(RetryPath(999999), s_.alice).status, 404);
    EXPECT_EQ(stack_->Post("/api/v1/reviews/x/retry", s_.alice).status, 400);
    testing::HttpResult posted = stack_->Post(RetryPath(s_.r5), s_.alice);
    EXPECT_EQ(posted.status, 409) << "a posted review is not retried";
    EXPECT_NE(posted.body.find("only a failed review"), std::string::npos) << posted.body;
    EXPECT_EQ(stack_->Wakeups(), 0);
}

TEST_P(ReviewRetryTest, AFailedReviewWithoutAQueuedJobIsAConflict) {
    testing::HttpResult result = stack_->Post(RetryPath(s_.r4), s_.alice);
    EXPECT_EQ(result.status, 409) << result.body;
    EXPECT_NE(result.body.find("nectr review"), std::string::npos) << result.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewRetryTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
