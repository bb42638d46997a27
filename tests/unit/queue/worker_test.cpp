#include "queue/worker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using std::chrono::milliseconds;
using store::Engine;

constexpr auto kDeadline = std::chrono::seconds(20);

TEST(QueueIsRetryableTest, RetriesOutagesButNotBadInput) {
    EXPECT_TRUE(IsRetryable(Errc::kUnavailable));
    EXPECT_TRUE(IsRetryable(Errc::kTimeout));
    EXPECT_TRUE(IsRetryable(Errc::kRateLimited));
    EXPECT_TRUE(IsRetryable(Errc::kUpstream));
    EXPECT_FALSE(IsRetryable(Errc::kInvalidInput));
    EXPECT_FALSE(IsRetryable(Errc::kNotFound));
    EXPECT_FALSE(IsRetryable(Errc::kTooLarge));
}

// A handler that waits until the worker cancels it, or until the test opens its gate.
struct Blocker {
    std::atomic<bool> started{false};
    std::atomic<bool> saw_cancel{false};
    std::atomic<net::steady_timer*> gate{nullptr};

    JobHandler Handler() {
        return [this](const Job&) -> net::awaitable<core::Result<void>> {
            // Named before use: see docs/decisions.md "Coroutines on g++ 12".
            const net::any_io_executor executor = co_await net::this_coro::executor;
            net::steady_timer timer(executor, std::chrono::hours(1));
            gate = &timer;
            started = true;
            constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
            auto [error] = co_await timer.async_wait(kUseTuple);
            gate = nullptr;
            saw_cancel = error == net::error::operation_aborted;
            co_return core::Result<void>();
        };
    }
};

class QueueWorkerTest : public QueueEngineTest {
protected:
    void SetUp() override {
        QueueEngineTest::SetUp();
        io_thread = std::thread([this] { io.run(); });
    }

    void TearDown() override {
        if (worker) {
            StopWorker();
        }
        guard.reset();
        io_thread.join();
        worker.reset();
        pool.Join();
        QueueEngineTest::TearDown();
    }

    // Options under which only Notify (or a claim right after a job) finds work: the poll
    // interval is far longer than any test.
    WorkerOptions Options() const {
        WorkerOptions worker_options;
        worker_options.concurrency = 2;
        worker_options.name = "test";
        worker_options.poll_interval = std::chrono::hours(1);
        worker_options.heartbeat_interval = milliseconds(20);
        worker_options.shutdown_grace = milliseconds(200);
        return worker_options;
    }

    void StartWorker(const WorkerOptions& worker_options,
                     const std::vector<std::pair<std::string, JobHandler>>& handlers) {
        worker = std::make_unique<Worker>(io.get_executor(), *queue, pool, worker_options);
        for (const auto& [kind, handler] : handlers) {
            worker->Register(kind, handler);
        }
        worker->Start();
    }

    void StopWorker() {
        auto stopped = net::co_spawn(io, worker->Stop(), net::use_future);
        ASSERT_EQ(stopped.wait_for(kDeadline), std::future_status::ready)
            << "Stop did not complete";
        stopped.get();
    }

    // Polls `condition` until it holds or the deadline passes.
    static bool WaitUntil(const std::function<bool()>& condition) {
        const auto deadline = std::chrono::steady_clock::now() + kDeadline;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(milliseconds(5));
        }
        return true;
    }

    bool WaitForState(std::int64_t job_id, JobState state) {
        return WaitUntil([&] {
            Result<Job> job = queue->Get(job_id);
            return job && job->state == state;
        });
    }

    net::io_context io;
    net::executor_work_guard<net::io_context::executor_type> guard{io.get_executor()};
    std::thread io_thread;
    core::BlockingPool pool{2};
    std::unique_ptr<Worker> worker;
};

TEST_P(QueueWorkerTest, RunsEachEnqueuedJobOnceAndCompletesIt) {
    std::vector<std::int64_t> ids;
    for (int pr = 1; pr <= 5; ++pr) {
        ids.push_back(MustEnqueue(Review(pr)));
    }
    std::mutex mutex;
    std::vector<std::int64_t> handled;
    StartWorker(Options(), {{"review", [&](const Job& job) -> net::awaitable<core::Result<void>> {
                                 std::lock_guard lock(mutex);
                                 handled.push_back(job.id);
                                 co_return core::Result<void>();
                             }}});
    for (std::int64_t id : ids) {
        EXPECT_TRUE(WaitForState(id, JobState::kSucceeded)) << "job " << id;
    }
    StopWorker();
    std::sort(handled.begin(), handled.end());
    EXPECT_EQ(handled, ids) << "each job is handled exactly once";
    EXPECT_EQ(worker->Counters().succeeded, 5u);
    EXPECT_EQ(MustGet(ids[0]).lease_owner.value_or("").rfind("test:", 0), 0u)
        << "worker ids are <name>:<n>";
}

TEST_P(QueueWorkerTest, RetriesAFailingHandlerAfterItsBackoff) {
    const std::int64_t job_id = MustEnqueue(Review());
    std::atomic<int> calls{0};
    StartWorker(Options(), {{"review", [&](const Job&) -> net::awaitable<core::Result<void>> {
                                 if (++calls == 1) {
                                     co_return core::MakeError(Errc::kUnavailable,
                                                               "GitHub is down");
                                 }
                                 co_return core::Result<void>();
                             }}});
    ASSERT_TRUE(WaitUntil([&] {
        Result<Job> job = queue->Get(job_id);
        return job && job->state == JobState::kQueued && job->attempts == 1;
    })) << "the first attempt should fail and wait for its backoff";
    const Job waiting = MustGet(job_id);
    EXPECT_NE(waiting.last_error.value_or("").find("GitHub is down"), std::string::npos)
        << waiting.last_error.value_or("");
    EXPECT_GT(waiting.run_at_ms, clock.NowMs());

    clock.SetMs(waiting.run_at_ms);
    worker->Notify();
    EXPECT_TRUE(WaitForState(job_id, JobState::kSucceeded));
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(MustGet(job_id).attempts, 2);
    StopWorker();  // the counters are final once every loop has ended
    EXPECT_EQ(worker->Counters().failed, 1u);
}

TEST_P(QueueWorkerTest, NotifyWakesIdleLoopsWithoutWaitingForThePoll) {
    std::atomic<int> calls{0};
    const WorkerOptions worker_options = Options();
    StartWorker(worker_options, {{"review", [&](const Job&) -> net::awaitable<core::Result<void>> {
                                      ++calls;
                                      co_return core::Result<void>();
                                  }}});
    ASSERT_TRUE(WaitUntil([&] {
        return worker->Counters().idle_waits >= worker_options.concurrency;
    })) << "both loops should find nothing and go to sleep for an hour";
    const std::int64_t job_id = MustEnqueue(Review());
    worker->Notify();
    EXPECT_TRUE(WaitForState(job_id, JobState::kSucceeded)) << "Notify did not wake the worker";
    EXPECT_EQ(calls.load(), 1);
}

TEST_P(QueueWorkerTest, StopReleasesAJobWhoseHandlerOutlivesTheGracePeriod) {
    const std::int64_t event_id = InsertEvent();
    NewJob review = Review();
    review.event_id = event_id;
    const std::int64_t job_id = MustEnqueue(review);
    Blocker blocker;
    StartWorker(Options(), {{"review", blocker.Handler()}});
    ASSERT_TRUE(WaitUntil([&] { return blocker.started.load(); }));

    StopWorker();
    const Job released = MustGet(job_id);
    EXPECT_EQ(released.state, JobState::kQueued);
    EXPECT_EQ(released.attempts, 0) << "a released attempt does not count";
    EXPECT_TRUE(blocker.saw_cancel) << "the handler should be cancelled after the grace period";
    EXPECT_EQ(worker->Counters().released, 1u);
    EXPECT_EQ(GetEvent(event_id).status, "pending");
    ASSERT_EQ(RunsOfEvent(event_id).size(), 1u);
    EXPECT_EQ(RunsOfEvent(event_id)[0].status, "failed");
}

TEST_P(QueueWorkerTest, StopLetsARunningHandlerFinishWithinTheGracePeriod) {
    const std::int64_t job_id = MustEnqueue(Review());
    Blocker blocker;
    WorkerOptions worker_options = Options();
    worker_options.shutdown_grace = std::chrono::seconds(60);
    StartWorker(worker_options, {{"review", blocker.Handler()}});
    ASSERT_TRUE(WaitUntil([&] { return blocker.started.load(); }));

    auto stopped = net::co_spawn(io, worker->Stop(), net::use_future);
    EXPECT_EQ(stopped.wait_for(milliseconds(50)), std::future_status::timeout)
        << "Stop must wait for the running handler";
    net::post(io, [&blocker] {
        if (net::steady_timer* gate = blocker.gate.load()) {
            gate->cancel();  // opens the gate: the handler returns success
        }
    });
    ASSERT_EQ(stopped.wait_for(kDeadline), std::future_status::ready);
    stopped.get();
    EXPECT_EQ(MustGet(job_id).state, JobState::kSucceeded);
    EXPECT_EQ(worker->Counters().released, 0u);
}

TEST_P(QueueWorkerTest, AJobOfAnUnknownKindGoesDeadWithTheReason) {
    NewJob mystery = Review();
    mystery.kind = "mystery";
    const std::int64_t job_id = MustEnqueue(mystery);
    WorkerOptions any_kind = Options();
    any_kind.claim_registered_kinds_only = false;
    StartWorker(any_kind, {});
    ASSERT_TRUE(WaitForState(job_id, JobState::kDead));
    const Job dead = MustGet(job_id);
    EXPECT_NE(dead.last_error.value_or("").find("'mystery'"), std::string::npos)
        << dead.last_error.value_or("");
    EXPECT_EQ(dead.attempts, 1) << "no retry can help a job nobody handles";
}

TEST_P(QueueWorkerTest, LeavesJobsOfKindsItHasNoHandlerForToOthers) {
    NewJob other = Review();
    other.kind = "index_pr";
    const std::int64_t other_id = MustEnqueue(other);
    const std::int64_t review_id = MustEnqueue(Review());
    std::atomic<int> ran{0};
    StartWorker(Options(), {{"review", [&ran](const Job&) -> net::awaitable<Result<void>> {
                                 ++ran;
                                 co_return Result<void>{};
                             }}});
    ASSERT_TRUE(WaitForState(review_id, JobState::kSucceeded));
    StopWorker();
    EXPECT_EQ(ran.load(), 1);
    EXPECT_EQ(MustGet(other_id).state, JobState::kQueued)
        << "a job this worker cannot run must wait for one that can";
    EXPECT_EQ(MustGet(other_id).attempts, 0);
}

TEST_P(QueueWorkerTest, ALostLeaseStopsTheHandlerAndLeavesTheJobToItsNewOwner) {
    const std::int64_t job_id = MustEnqueue(Review());
    Blocker blocker;
    StartWorker(Options(), {{"review", blocker.Handler()}});
    ASSERT_TRUE(WaitUntil([&] { return blocker.started.load(); }));

    // Time jumps past the lease, as if the worker had hung; its next heartbeat may renew the
    // lease before the thief's claim, so jump again until the thief gets it.
    ASSERT_TRUE(WaitUntil([&] {
        clock.Advance(milliseconds(kLeaseMs + 1));
        Result<std::optional<Job>> claimed = queue->Claim("thief");
        return claimed && *claimed && (*claimed)->id == job_id;
    })) << "the thief should claim the job once its lease has expired";
    ASSERT_TRUE(WaitUntil([&] { return worker->Counters().leases_lost == 1; }))
        << "the heartbeat should notice that the lease is gone";
    EXPECT_TRUE(WaitUntil([&] { return blocker.saw_cancel.load(); }));
    const Job stolen = MustGet(job_id);
    EXPECT_EQ(stolen.state, JobState::kRunning);
    EXPECT_EQ(stolen.lease_owner, "thief") << "the old worker must not touch the job";
}

TEST_P(QueueWorkerTest, ACancelRequestStopsTheHandlerAndCancelsTheJob) {
    const std::int64_t job_id = MustEnqueue(Review());
    Blocker blocker;
    StartWorker(Options(), {{"review", blocker.Handler()}});
    ASSERT_TRUE(WaitUntil([&] { return blocker.started.load(); }));

    Result<CancelOutcome> cancelled = queue->Cancel(job_id);
    ASSERT_TRUE(cancelled) << cancelled.error().detail;
    EXPECT_EQ(*cancelled, CancelOutcome::kCancelRequested);
    EXPECT_TRUE(WaitForState(job_id, JobState::kCancelled));
    EXPECT_TRUE(blocker.saw_cancel.load());
    StopWorker();  // the counters are final once every loop has ended
    EXPECT_EQ(worker->Counters().cancelled, 1u);
}

// A handler that awaits the blocking pool when the worker cancels it. Boost 1.81's co_spawn
// entry point throws on the pool thread when the cancellation arrives at the wrong moment
// unless core::BlockingPool::Run shields it; without that the process terminates.
TEST_P(QueueWorkerTest, CancelsHandlersThatAwaitTheBlockingPool) {
    std::atomic<int> started{0};
    StartWorker(Options(),
                {{"review", [&](const Job&) -> net::awaitable<core::Result<void>> {
                      ++started;
                      while (true) {
                          std::function<void()> nap = [] {
                              std::this_thread::sleep_for(std::chrono::microseconds(200));
                          };
                          co_await pool.Run(std::move(nap));
                      }
                  }}});
    for (int round = 1; round <= 20; ++round) {
        const std::int64_t job_id = MustEnqueue(Review(round));
        worker->Notify();
        ASSERT_TRUE(WaitUntil([&] { return started.load() == round; })) << "round " << round;
        ASSERT_TRUE(queue->Cancel(job_id));
        ASSERT_TRUE(WaitForState(job_id, JobState::kCancelled)) << "round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(Engines, QueueWorkerTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
