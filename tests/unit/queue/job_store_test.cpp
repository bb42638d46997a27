#include "queue/job_store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using std::chrono::milliseconds;
using store::Engine;

class JobQueueTest : public QueueEngineTest {};

TEST_P(JobQueueTest, EnqueuesClaimsAndCompletesAJobAndClosesItsEvent) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review(12);
    review.event_id = event_id;
    const std::int64_t job_id = MustEnqueue(review);

    const Job claimed = MustClaim("w1");
    EXPECT_EQ(claimed.id, job_id);
    EXPECT_EQ(claimed.state, JobState::kRunning);
    EXPECT_EQ(claimed.attempts, 1);
    EXPECT_EQ(claimed.payload, R"({"pr":12})");
    EXPECT_EQ(claimed.pr_number, 12);
    EXPECT_EQ(claimed.head_sha, "sha-12");
    EXPECT_EQ(claimed.lease_owner, "w1");
    EXPECT_EQ(claimed.lease_expires_at_ms, clock.NowMs() + kLeaseMs);
    ASSERT_TRUE(claimed.workflow_run_id.has_value()) << "a claim opens a workflow run";
    EXPECT_TRUE(ClaimsNothing("w2")) << "a running job with a live lease is not claimable";
    EXPECT_EQ(GetEvent(event_id).status, "pending") << "the event waits for its job";

    clock.Advance(milliseconds(1500));
    ASSERT_TRUE(queue->Complete(job_id, "w1"));
    const Job done = MustGet(job_id);
    EXPECT_EQ(done.state, JobState::kSucceeded);
    EXPECT_EQ(done.finished_at_ms, clock.NowMs());
    const EventRow event = GetEvent(event_id);
    EXPECT_EQ(event.status, "completed");
    EXPECT_EQ(event.processed_at, clock.NowMs());
    EXPECT_FALSE(event.error.has_value());
    const std::vector<RunRow> runs = RunsOfEvent(event_id);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, "completed");
    EXPECT_EQ(runs[0].completed_at, clock.NowMs());
    EXPECT_TRUE(ClaimsNothing("w2"));
}

TEST_P(JobQueueTest, ClaimsByPriorityThenRunAtThenIdAndNotBeforeRunAt) {
    NewJob low = Review(1);
    NewJob high = Review(2);
    high.priority = 10;
    NewJob later_mid = Review(3);
    later_mid.priority = 5;
    NewJob early_mid = Review(4);
    early_mid.priority = 5;
    early_mid.run_at_ms = clock.NowMs() - 1000;
    NewJob future_top = Review(5);
    future_top.priority = 100;
    future_top.run_at_ms = clock.NowMs() + 10'000;
    const std::int64_t low_id = MustEnqueue(low);
    const std::int64_t high_id = MustEnqueue(high);
    const std::int64_t later_mid_id = MustEnqueue(later_mid);
    const std::int64_t early_mid_id = MustEnqueue(early_mid);
    const std::int64_t future_id = MustEnqueue(future_top);

    EXPECT_EQ(MustClaim("w").id, high_id);
    EXPECT_EQ(MustClaim("w").id, early_mid_id) << "same priority: the earlier run_at first";
    EXPECT_EQ(MustClaim("w").id, later_mid_id);
    EXPECT_EQ(MustClaim("w").id, low_id);
    EXPECT_TRUE(ClaimsNothing("w")) << "a job is not claimed before its run_at";
    clock.Advance(milliseconds(10'000));
    EXPECT_EQ(MustClaim("w").id, future_id);
}

TEST_P(JobQueueTest, HeartbeatExtendsTheLease) {
    const std::int64_t job_id = MustEnqueue(Review());
    MustClaim("w1");
    clock.Advance(milliseconds(50'000));
    Result<HeartbeatReply> beat = queue->Heartbeat(job_id, "w1");
    ASSERT_TRUE(beat) << beat.error().detail;
    EXPECT_FALSE(beat->cancel_requested);
    EXPECT_EQ(MustGet(job_id).lease_expires_at_ms, clock.NowMs() + kLeaseMs);
    clock.Advance(milliseconds(50'000));  // past the first lease, within the renewed one
    EXPECT_TRUE(ClaimsNothing("w2"));
}

TEST_P(JobQueueTest, AnExpiredLeaseMakesTheJobClaimableAndTheOldOwnerLosesIt) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review();
    review.event_id = event_id;
    const std::int64_t job_id = MustEnqueue(review);
    MustClaim("w1");
    clock.Advance(milliseconds(kLeaseMs - 1));
    EXPECT_TRUE(ClaimsNothing("w2")) << "the lease is still live";
    clock.Advance(milliseconds(1));

    const Job reclaimed = MustClaim("w2");
    EXPECT_EQ(reclaimed.id, job_id);
    EXPECT_EQ(reclaimed.attempts, 2) << "the lost attempt counts";
    EXPECT_EQ(reclaimed.lease_owner, "w2");

    Result<HeartbeatReply> beat = queue->Heartbeat(job_id, "w1");
    ASSERT_FALSE(beat);
    EXPECT_EQ(beat.error().code, Errc::kConflict);
    Result<void> completed = queue->Complete(job_id, "w1");
    ASSERT_FALSE(completed);
    EXPECT_EQ(completed.error().code, Errc::kConflict);
    Result<FailOutcome> failed = queue->Fail(job_id, "w1", "boom", true);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::kConflict);
    Result<JobState> released = queue->Release(job_id, "w1");
    ASSERT_FALSE(released);
    EXPECT_EQ(released.error().code, Errc::kConflict);
    EXPECT_EQ(MustGet(job_id).lease_owner, "w2") << "the old owner changed nothing";

    ASSERT_TRUE(queue->Complete(job_id, "w2"));
    const std::vector<RunRow> runs = RunsOfEvent(event_id);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].status, "failed");
    EXPECT_NE(runs[0].error.value_or("").find("lease"), std::string::npos)
        << runs[0].error.value_or("");
    EXPECT_EQ(runs[1].status, "completed");
    EXPECT_EQ(GetEvent(event_id).status, "completed");
}

TEST_P(JobQueueTest, AnExpiredLeaseOnTheLastAttemptMakesTheJobDead) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review();
    review.event_id = event_id;
    review.max_attempts = 1;
    const std::int64_t job_id = MustEnqueue(review);
    MustClaim("w1");
    clock.Advance(milliseconds(kLeaseMs));
    EXPECT_TRUE(ClaimsNothing("w2")) << "no attempt is left to reclaim";
    const Job dead = MustGet(job_id);
    EXPECT_EQ(dead.state, JobState::kDead);
    EXPECT_NE(dead.last_error.value_or("").find("lease"), std::string::npos);
    const EventRow event = GetEvent(event_id);
    EXPECT_EQ(event.status, "failed");
    EXPECT_EQ(event.error, dead.last_error);
    ASSERT_EQ(RunsOfEvent(event_id).size(), 1u);
    EXPECT_EQ(RunsOfEvent(event_id)[0].status, "failed");
}

TEST_P(JobQueueTest, FailureRetriesWithGrowingJitteredBackoffThenGoesDeadAndFailsTheEvent) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review();
    review.event_id = event_id;
    review.max_attempts = 4;
    const std::int64_t job_id = MustEnqueue(review);
    const std::int64_t base_ms = options.base_backoff.count();

    for (std::int64_t attempt = 1; attempt <= 3; ++attempt) {
        const Job claimed = MustClaim("w1");
        ASSERT_EQ(claimed.id, job_id);
        EXPECT_EQ(claimed.attempts, attempt);
        const std::string error =
            "upstream: GitHub answered 502 on attempt " + std::to_string(attempt);
        Result<FailOutcome> failed = queue->Fail(job_id, "w1", error, true);
        ASSERT_TRUE(failed) << failed.error().detail;
        EXPECT_EQ(failed->state, JobState::kQueued);
        const std::int64_t delay = failed->run_at_ms - clock.NowMs();
        const std::int64_t nominal = base_ms << (attempt - 1);
        EXPECT_GE(delay, nominal * 8 / 10) << "attempt " << attempt;
        EXPECT_LE(delay, nominal * 12 / 10) << "attempt " << attempt;
        const Job waiting = MustGet(job_id);
        EXPECT_EQ(waiting.last_error, error);
        EXPECT_EQ(waiting.run_at_ms, failed->run_at_ms);
        EXPECT_EQ(GetEvent(event_id).status, "pending") << "a retry keeps the event open";
        clock.Advance(milliseconds(delay - 1));
        EXPECT_TRUE(ClaimsNothing("w1")) << "claimed before its backoff ended";
        clock.Advance(milliseconds(1));
    }
    MustClaim("w1");
    Result<FailOutcome> last = queue->Fail(job_id, "w1", "upstream: still 502", true);
    ASSERT_TRUE(last) << last.error().detail;
    EXPECT_EQ(last->state, JobState::kDead);
    EXPECT_EQ(MustGet(job_id).state, JobState::kDead);
    const EventRow event = GetEvent(event_id);
    EXPECT_EQ(event.status, "failed");
    EXPECT_EQ(event.error, "upstream: still 502");
    EXPECT_EQ(event.processed_at, clock.NowMs());
    const std::vector<RunRow> runs = RunsOfEvent(event_id);
    ASSERT_EQ(runs.size(), 4u) << "one workflow run per attempt";
    for (const RunRow& run : runs) {
        EXPECT_EQ(run.status, "failed");
    }
    EXPECT_EQ(runs[3].error, "upstream: still 502");
    clock.Advance(milliseconds(24 * 3600 * 1000));
    EXPECT_TRUE(ClaimsNothing("w1")) << "a dead job never runs again";
}

TEST_P(JobQueueTest, ANonRetryableFailureIsDeadAtOnce) {
    const std::int64_t job_id = MustEnqueue(Review());
    MustClaim("w1");
    Result<FailOutcome> failed = queue->Fail(job_id, "w1", "invalid_input: no such PR", false);
    ASSERT_TRUE(failed) << failed.error().detail;
    EXPECT_EQ(failed->state, JobState::kDead);
    EXPECT_EQ(MustGet(job_id).attempts, 1);
}

TEST_P(JobQueueTest, CoalescingCancelsTheOlderQueuedJobAndFlagsTheRunningOne) {
    const std::string key = ReviewCoalesceKey("octo/repo", 7);
    std::vector<std::int64_t> events;
    std::vector<std::int64_t> jobs;
    for (int n = 0; n < 3; ++n) {
        events.push_back(InsertEvent());
        NewJob review = Review(7);
        review.head_sha = "sha-" + std::to_string(n);
        review.coalesce_key = key;
        review.event_id = events.back();
        jobs.push_back(MustEnqueue(review));
        if (n == 0) {
            EXPECT_EQ(MustClaim("w1").id, jobs[0]);
        }
    }
    const std::int64_t other = MustEnqueue(Review(8));

    const Job running = MustGet(jobs[0]);
    EXPECT_EQ(running.state, JobState::kRunning) << "a running job is asked to stop, not killed";
    EXPECT_TRUE(running.cancel_requested);
    Result<bool> requested = queue->IsCancelRequested(jobs[0]);
    ASSERT_TRUE(requested);
    EXPECT_TRUE(*requested);
    Result<HeartbeatReply> beat = queue->Heartbeat(jobs[0], "w1");
    ASSERT_TRUE(beat);
    EXPECT_TRUE(beat->cancel_requested) << "the worker learns it at its heartbeat";

    const Job superseded = MustGet(jobs[1]);
    EXPECT_EQ(superseded.state, JobState::kCancelled);
    EXPECT_EQ(superseded.last_error, "superseded by job " + std::to_string(jobs[2]));
    const EventRow superseded_event = GetEvent(events[1]);
    EXPECT_EQ(superseded_event.status, "completed");
    EXPECT_EQ(superseded_event.error, superseded.last_error);

    EXPECT_EQ(MustGet(jobs[2]).state, JobState::kQueued);
    EXPECT_FALSE(MustGet(jobs[2]).cancel_requested);
    EXPECT_EQ(MustGet(other).state, JobState::kQueued) << "another key is not touched";

    ASSERT_TRUE(queue->AcknowledgeCancel(jobs[0], "w1"));
    EXPECT_EQ(MustGet(jobs[0]).state, JobState::kCancelled);
    EXPECT_EQ(GetEvent(events[0]).status, "completed");
    EXPECT_EQ(RunsOfEvent(events[0]).at(0).status, "failed");
}

TEST_P(JobQueueTest, OneJobPerConcurrencyKeyRunsAtATime) {
    NewJob first = Review(3);
    first.concurrency_key = PullRequestConcurrencyKey("octo/repo", 3);
    NewJob second = first;
    NewJob unrelated = Review(4);
    unrelated.concurrency_key = PullRequestConcurrencyKey("octo/repo", 4);
    const std::int64_t first_id = MustEnqueue(first);
    const std::int64_t second_id = MustEnqueue(second);
    const std::int64_t unrelated_id = MustEnqueue(unrelated);

    EXPECT_EQ(MustClaim("w1").id, first_id);
    EXPECT_EQ(MustClaim("w2").id, unrelated_id) << "the second job of pr 3 must wait";
    EXPECT_TRUE(ClaimsNothing("w3"));

    clock.Advance(milliseconds(kLeaseMs));
    const Job reclaimed = MustClaim("w3");
    EXPECT_EQ(reclaimed.id, first_id) << "a lost job is reclaimed before its key's next job";
    ASSERT_TRUE(queue->Complete(first_id, "w3"));
    EXPECT_EQ(MustClaim("w4").id, second_id) << "the key is free once its job finished";
}

TEST_P(JobQueueTest, ReleaseGivesTheJobBackWithoutCountingTheAttempt) {
    const std::int64_t job_id = MustEnqueue(Review());
    const Job first = MustClaim("w1");
    EXPECT_EQ(first.attempts, 1);
    Result<JobState> wrong = queue->Release(job_id, "w2");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::kConflict);

    Result<JobState> released = queue->Release(job_id, "w1");
    ASSERT_TRUE(released) << released.error().detail;
    EXPECT_EQ(*released, JobState::kQueued);
    const Job queued = MustGet(job_id);
    EXPECT_EQ(queued.state, JobState::kQueued);
    EXPECT_EQ(queued.attempts, 0);
    EXPECT_EQ(queued.run_at_ms, first.run_at_ms) << "it keeps its place in line";
    EXPECT_EQ(MustClaim("w2").attempts, 1);

    ASSERT_TRUE(queue->Cancel(job_id));
    Result<JobState> cancelled = queue->Release(job_id, "w2");
    ASSERT_TRUE(cancelled);
    EXPECT_EQ(*cancelled, JobState::kCancelled) << "a job asked to stop is not queued again";
}

TEST_P(JobQueueTest, EnqueueJobJoinsTheCallersTransaction) {
    Result<void> rolled_back =
        store::InTransaction(*database, [&](store::Connection& connection) -> Result<void> {
            Result<std::int64_t> id = EnqueueJob(connection, Review(), clock.NowMs());
            EXPECT_TRUE(id) << id.error().detail;
            return core::MakeError(Errc::kInternal, "the event insert failed after all");
        });
    ASSERT_FALSE(rolled_back);
    EXPECT_TRUE(ClaimsNothing("w1")) << "the job must roll back with the caller's transaction";

    NewJob nameless = Review();
    nameless.kind.clear();
    Result<std::int64_t> rejected = queue->Enqueue(nameless);
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().code, Errc::kInvalidInput);
    NewJob no_attempts = Review();
    no_attempts.max_attempts = 0;
    ASSERT_FALSE(queue->Enqueue(no_attempts));
}

INSTANTIATE_TEST_SUITE_P(Engines, JobQueueTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
