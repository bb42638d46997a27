// Several workers with their own connections claim from one queue at once: no job may run
// twice, none may be lost, and no two jobs of one concurrency key may run side by side.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "queue/job_store.hpp"
#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using store::Engine;

constexpr int kJobs = 300;
constexpr int kWorkers = 4;

class QueueConcurrentClaimTest : public QueueEngineTest {
protected:
    struct Tally {
        std::mutex mutex;
        std::map<std::int64_t, int> runs;    // job id -> times claimed
        std::set<std::string> running_keys;  // concurrency keys running right now
        std::vector<std::string> overlaps;   // keys seen running twice at once
        std::vector<std::string> errors;
        std::atomic<int> completed{0};
    };

    // One worker as a separate process would run it: its own Database (its own connections)
    // and JobQueue. Claims until every job has completed; a claim that finds nothing while
    // others still run (their keys are busy) tries again.
    void RunWorker(int n, Tally& tally) {
        auto opened = test_database->Open();
        if (!opened) {
            std::lock_guard lock(tally.mutex);
            tally.errors.push_back(opened.error().detail);
            return;
        }
        JobQueue own_queue(**opened, clock, options);
        const std::string worker_id = "w" + std::to_string(n);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (tally.completed.load() < kJobs && std::chrono::steady_clock::now() < deadline) {
            Result<std::optional<Job>> claimed = own_queue.Claim(worker_id);
            if (!claimed) {
                std::lock_guard lock(tally.mutex);
                tally.errors.push_back("claim: " + claimed.error().detail);
                return;
            }
            if (!*claimed) {
                std::this_thread::yield();
                continue;
            }
            const Job& job = **claimed;
            {
                std::lock_guard lock(tally.mutex);
                ++tally.runs[job.id];
                if (!job.concurrency_key.empty() &&
                    !tally.running_keys.insert(job.concurrency_key).second) {
                    tally.overlaps.push_back(job.concurrency_key);
                }
            }
            // The job runs for a round trip to the database: a second claim of its key in
            // that window would show up as an overlap.
            if (Result<HeartbeatReply> beat = own_queue.Heartbeat(job.id, worker_id); !beat) {
                std::lock_guard lock(tally.mutex);
                tally.errors.push_back("heartbeat: " + beat.error().detail);
                return;
            }
            {
                // Leave the key before completing: once Complete commits, another worker may
                // rightly claim the key's next job.
                std::lock_guard lock(tally.mutex);
                tally.running_keys.erase(job.concurrency_key);
            }
            if (Result<void> done = own_queue.Complete(job.id, worker_id); !done) {
                std::lock_guard lock(tally.mutex);
                tally.errors.push_back("complete: " + done.error().detail);
                return;
            }
            tally.completed.fetch_add(1);
        }
    }

    void RunAll(Tally& tally) {
        std::vector<std::thread> threads;
        threads.reserve(kWorkers);
        for (int n = 0; n < kWorkers; ++n) {
            threads.emplace_back([this, n, &tally] { RunWorker(n, tally); });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
    }

    void ExpectEachJobRanOnce(Tally& tally, const std::vector<std::int64_t>& ids) {
        EXPECT_TRUE(tally.errors.empty()) << tally.errors.front();
        EXPECT_EQ(tally.completed.load(), kJobs);
        ASSERT_EQ(tally.runs.size(), ids.size()) << "every job must be claimed";
        for (const auto& [id, runs] : tally.runs) {
            EXPECT_EQ(runs, 1) << "job " << id << " was claimed " << runs << " times";
        }
        Result<QueueStats> stats = queue->Stats();
        ASSERT_TRUE(stats) << stats.error().detail;
        EXPECT_EQ(stats->queued, 0);
        EXPECT_EQ(stats->running, 0);
        Result<std::vector<Job>> done = queue->List(JobFilter{JobState::kSucceeded, "", 1000, 0});
        ASSERT_TRUE(done);
        EXPECT_EQ(done->size(), ids.size());
        for (const Job& job : *done) {
            EXPECT_EQ(job.attempts, 1) << "job " << job.id << " ran more than once";
        }
    }
};

TEST_P(QueueConcurrentClaimTest, FourWorkersRunEachOfThreeHundredJobsExactlyOnce) {
    std::vector<std::int64_t> ids;
    ids.reserve(kJobs);
    for (int i = 0; i < kJobs; ++i) {
        ids.push_back(MustEnqueue(Review(i)));
    }
    Tally tally;
    RunAll(tally);
    ExpectEachJobRanOnce(tally, ids);
}

TEST_P(QueueConcurrentClaimTest, WorkersNeverRunTwoJobsOfOneConcurrencyKeyAtOnce) {
    std::vector<std::int64_t> ids;
    ids.reserve(kJobs);
    for (int i = 0; i < kJobs; ++i) {
        NewJob job = Review(i % 6);  // six pull requests, fifty jobs each
        job.concurrency_key = PullRequestConcurrencyKey("octo/repo", i % 6);
        ids.push_back(MustEnqueue(job));
    }
    Tally tally;
    RunAll(tally);
    ExpectEachJobRanOnce(tally, ids);
    EXPECT_TRUE(tally.overlaps.empty())
        << tally.overlaps.size() << " times a key ran twice, first " << tally.overlaps.front();
}

INSTANTIATE_TEST_SUITE_P(Engines, QueueConcurrentClaimTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
