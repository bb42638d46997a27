// Reviews of one repository run at most as many at a time as its connection allows
// (installations.max_concurrent_reviews), on top of one per pull request; other kinds and
// other repositories are not held back.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "queue/job_store.hpp"
#include "queue_test_fixture.hpp"

namespace nectr::queue {
namespace {

using store::Engine;

class QueueRepositoryLimitTest : public QueueEngineTest {
protected:
    void SetUp() override {
        options.repository_limited_kind = "review";
        QueueEngineTest::SetUp();
    }

    // Connects octo/repo for a new user with the given limit (nullopt: none), active or not.
    void Connect(std::optional<std::int64_t> limit, bool active = true) {
        static constexpr store::Query kUser{
            "test.user",
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, 'octocat', 0, 0) RETURNING id",
            "INSERT INTO users (github_id, github_username, created_at, updated_at) "
            "VALUES ($1, 'octocat', 0, 0) RETURNING id"};
        static constexpr store::Query kConnect{
            "test.connect",
            "INSERT INTO installations (user_id, repo_full_name, is_active, "
            "max_concurrent_reviews, installed_at, updated_at) "
            "VALUES ($1, 'octo/repo', $2, $3, 0, 0) RETURNING id",
            "INSERT INTO installations (user_id, repo_full_name, is_active, "
            "max_concurrent_reviews, installed_at, updated_at) "
            "VALUES ($1, 'octo/repo', $2, $3, 0, 0) RETURNING id"};
        const std::optional<std::int64_t> user = Scalar(kUser, {++users_});
        ASSERT_TRUE(user);
        const store::Value limit_value =
            limit ? store::Value(*limit) : store::Value(std::monostate{});
        ASSERT_TRUE(Scalar(kConnect, {*user, std::int64_t{active ? 1 : 0}, limit_value}));
    }

    std::int64_t users_ = 0;
};

TEST_P(QueueRepositoryLimitTest, HoldsTheThirdReviewOfARepositoryThatAllowsTwo) {
    Connect(2);
    const std::int64_t first = MustEnqueue(Review(1));
    const std::int64_t second = MustEnqueue(Review(2));
    const std::int64_t third = MustEnqueue(Review(3));
    NewJob elsewhere = Review(9);
    elsewhere.repo_full_name = "octo/other";
    const std::int64_t other = MustEnqueue(elsewhere);

    EXPECT_EQ(MustClaim("w1").id, first);
    EXPECT_EQ(MustClaim("w2").id, second);
    EXPECT_EQ(MustClaim("w3").id, other) << "the third review of octo/repo must wait";
    EXPECT_TRUE(ClaimsNothing("w4"));

    ASSERT_TRUE(queue->Complete(first, "w1"));
    EXPECT_EQ(MustClaim("w4").id, third) << "a finished review frees its slot";
}

TEST_P(QueueRepositoryLimitTest, OtherKindsOfTheRepositoryAreNotHeldBack) {
    Connect(1);
    const std::int64_t review = MustEnqueue(Review(1));
    NewJob index = Review(2);
    index.kind = "index_pr";
    const std::int64_t indexing = MustEnqueue(index);
    const std::int64_t held = MustEnqueue(Review(3));

    EXPECT_EQ(MustClaim("w1").id, review);
    EXPECT_EQ(MustClaim("w2").id, indexing);
    EXPECT_TRUE(ClaimsNothing("w3"));
    EXPECT_EQ(MustGet(held).state, JobState::kQueued);
}

TEST_P(QueueRepositoryLimitTest, NoLimitOrAnInactiveConnectionLimitsNothing) {
    Connect(std::nullopt);
    Connect(1, /*active=*/false);
    for (int pr = 1; pr <= 4; ++pr) {
        MustEnqueue(Review(pr));
    }
    for (int pr = 1; pr <= 4; ++pr) {
        EXPECT_EQ(MustClaim("w" + std::to_string(pr)).pr_number, pr);
    }
}

TEST_P(QueueRepositoryLimitTest, TheSmallestLimitOfSeveralConnectionsHolds) {
    Connect(3);
    Connect(1);
    MustEnqueue(Review(1));
    MustEnqueue(Review(2));
    MustClaim("w1");
    EXPECT_TRUE(ClaimsNothing("w2"));
}

// Four workers with their own connections race for sixty reviews of a repository that allows
// two at a time: never more than two run at once, and all of them run.
TEST_P(QueueRepositoryLimitTest, RacingWorkersNeverExceedTheLimit) {
    constexpr int kJobs = 60;
    constexpr int kAllowed = 2;
    Connect(kAllowed);
    for (int pr = 1; pr <= kJobs; ++pr) {
        MustEnqueue(Review(pr));
    }
    std::mutex mutex;
    int running = 0;
    int most_running = 0;
    std::vector<std::string> errors;
    std::atomic<int> completed{0};
    auto work = [&](int n) {
        auto opened = test_database->Open();
        if (!opened) {
            std::lock_guard lock(mutex);
            errors.push_back(opened.error().detail);
            return;
        }
        JobQueue own(**opened, clock, options);
        const std::string worker = "w" + std::to_string(n);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (completed.load() < kJobs && std::chrono::steady_clock::now() < deadline) {
            Result<std::optional<Job>> claimed = own.Claim(worker);
            if (!claimed || !*claimed) {
                if (!claimed) {
                    std::lock_guard lock(mutex);
                    errors.push_back(claimed.error().detail);
                    return;
                }
                std::this_thread::yield();
                continue;
            }
            {
                std::lock_guard lock(mutex);
                most_running = std::max(most_running, ++running);
            }
            // Hold the slot for a round trip, as a review holds it while it works.
            (void)own.Heartbeat((*claimed)->id, worker);
            {
                std::lock_guard lock(mutex);
                --running;
            }
            if (!own.Complete((*claimed)->id, worker)) {
                std::lock_guard lock(mutex);
                errors.push_back("complete failed");
                return;
            }
            completed.fetch_add(1);
        }
    };
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n) {
        threads.emplace_back(work, n);
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_TRUE(errors.empty()) << errors.front();
    EXPECT_EQ(completed.load(), kJobs);
    EXPECT_LE(most_running, kAllowed);
}

INSTANTIATE_TEST_SUITE_P(Engines, QueueRepositoryLimitTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::queue
