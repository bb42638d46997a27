// The operator side of JobQueue (`nectr jobs`, /metrics): cancel, retry, stats, list.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "queue/job_store.hpp"
#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using std::chrono::milliseconds;
using store::Engine;

class JobQueueOperationsTest : public QueueEngineTest {};

TEST_P(JobQueueOperationsTest, RetryRevivesADeadJobAndReopensItsEvent) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review();
    review.event_id = event_id;
    review.max_attempts = 1;
    const std::int64_t job_id = MustEnqueue(review);
    MustClaim("w1");
    ASSERT_TRUE(queue->Fail(job_id, "w1", "timeout: model took too long", true));
    ASSERT_EQ(MustGet(job_id).state, JobState::kDead);
    ASSERT_EQ(GetEvent(event_id).status, "failed");

    ASSERT_TRUE(queue->Retry(job_id));
    const Job revived = MustGet(job_id);
    EXPECT_EQ(revived.state, JobState::kQueued);
    EXPECT_EQ(revived.attempts, 0);
    EXPECT_EQ(revived.run_at_ms, clock.NowMs());
    EXPECT_FALSE(revived.finished_at_ms.has_value());
    const EventRow reopened = GetEvent(event_id);
    EXPECT_EQ(reopened.status, "pending");
    EXPECT_FALSE(reopened.error.has_value());
    EXPECT_FALSE(reopened.processed_at.has_value());

    Result<void> again = queue->Retry(job_id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::kConflict) << "a queued job cannot be retried";
    Result<void> missing = queue->Retry(job_id + 1000);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::kNotFound);

    MustClaim("w1");
    ASSERT_TRUE(queue->Complete(job_id, "w1"));
    EXPECT_EQ(GetEvent(event_id).status, "completed");
    EXPECT_FALSE(GetEvent(event_id).error.has_value());
}

TEST_P(JobQueueOperationsTest, CancelStopsAQueuedJobAndAsksARunningOneToStop) {
    const std::int64_t done_id = MustEnqueue(Review(1));
    ASSERT_EQ(MustClaim("w1").id, done_id);
    ASSERT_TRUE(queue->Complete(done_id, "w1"));
    const std::int64_t running_id = MustEnqueue(Review(2));
    ASSERT_EQ(MustClaim("w2").id, running_id);
    const std::int64_t waiting_id = MustEnqueue(Review(3));

    Result<CancelOutcome> cancelled = queue->Cancel(waiting_id);
    ASSERT_TRUE(cancelled) << cancelled.error().detail;
    EXPECT_EQ(*cancelled, CancelOutcome::kCancelled);
    EXPECT_EQ(MustGet(waiting_id).state, JobState::kCancelled);
    EXPECT_EQ(MustGet(waiting_id).last_error, "cancelled by an operator");

    Result<CancelOutcome> requested = queue->Cancel(running_id);
    ASSERT_TRUE(requested) << requested.error().detail;
    EXPECT_EQ(*requested, CancelOutcome::kCancelRequested);
    EXPECT_TRUE(MustGet(running_id).cancel_requested);
    EXPECT_EQ(MustGet(running_id).state, JobState::kRunning);

    Result<CancelOutcome> finished = queue->Cancel(done_id);
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().code, Errc::kConflict);
    Result<CancelOutcome> missing = queue->Cancel(999'999);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
}

TEST_P(JobQueueOperationsTest, StatsCountQueuedReadyRunningDeadAndTheOldestReadyAge) {
    Result<QueueStats> empty = queue->Stats();
    ASSERT_TRUE(empty) << empty.error().detail;
    EXPECT_EQ(empty->queued, 0);
    EXPECT_EQ(empty->oldest_ready_age_ms, 0);

    NewJob dies = Review(1);
    dies.max_attempts = 1;
    const std::int64_t dies_id = MustEnqueue(dies);
    MustClaim("w1");
    ASSERT_TRUE(queue->Fail(dies_id, "w1", "invalid_input: broken", false));
    const std::int64_t runs_id = MustEnqueue(Review(2));
    ASSERT_EQ(MustClaim("w1").id, runs_id);
    MustEnqueue(Review(3));
    clock.Advance(milliseconds(4000));
    MustEnqueue(Review(4));
    NewJob later = Review(5);
    later.run_at_ms = clock.NowMs() + 60'000;
    MustEnqueue(later);
    clock.Advance(milliseconds(1000));

    Result<QueueStats> stats = queue->Stats();
    ASSERT_TRUE(stats) << stats.error().detail;
    EXPECT_EQ(stats->queued, 3);
    EXPECT_EQ(stats->ready, 2);
    EXPECT_EQ(stats->running, 1);
    EXPECT_EQ(stats->dead, 1);
    EXPECT_EQ(stats->oldest_ready_age_ms, 5000);
}

TEST_P(JobQueueOperationsTest, ListsJobsNewestFirstFilteredByStateAndKind) {
    const std::int64_t first = MustEnqueue(Review(1));
    NewJob index = Review(2);
    index.kind = "index";
    const std::int64_t second = MustEnqueue(index);
    const std::int64_t third = MustEnqueue(Review(3));
    ASSERT_EQ(MustClaim("w1").id, first);

    Result<std::vector<Job>> all = queue->List({});
    ASSERT_TRUE(all) << all.error().detail;
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].id, third);
    EXPECT_EQ((*all)[2].id, first);

    Result<std::vector<Job>> queued_reviews =
        queue->List(JobFilter{JobState::kQueued, "review", 50, 0});
    ASSERT_TRUE(queued_reviews);
    ASSERT_EQ(queued_reviews->size(), 1u);
    EXPECT_EQ(queued_reviews->front().id, third);

    Result<std::vector<Job>> page = queue->List(JobFilter{std::nullopt, "", 1, 1});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->size(), 1u);
    EXPECT_EQ(page->front().id, second);
}

INSTANTIATE_TEST_SUITE_P(Engines, JobQueueOperationsTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
