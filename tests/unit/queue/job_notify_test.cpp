// On PostgreSQL, making a job claimable signals the workers of other processes: the enqueue,
// an operator retry and a release at shutdown notify the jobs channel when they commit.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "fake_clock.hpp"
#include "queue/job_store.hpp"
#include "store/postgres_listener.hpp"
#include "support/test_database.hpp"

namespace nectr::queue {
namespace {

using std::chrono::seconds;

class JobNotifyTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(store::Engine::kPostgres);
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        queue_ = std::make_unique<JobQueue>(*db_, clock_);

        store::ListenerOptions options;
        options.url = test_database_->Url();
        options.channel = std::string(kJobsChannel);
        // Tests of other schemas enqueue on the same channel at the same time.
        options.only_own_schema = true;
        auto started = store::PostgresListener::Start(options, [this] {
            std::lock_guard lock(mutex_);
            ++signals_;
            changed_.notify_all();
        });
        ASSERT_TRUE(started) << started.error().detail;
        listener_ = std::move(*started);
        ASSERT_TRUE(WaitForSignals(1)) << "the listener never listened";
    }

    void TearDown() override {
        listener_.reset();
        queue_.reset();
        db_.reset();
        test_database_.reset();
    }

    bool WaitForSignals(int count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, seconds(20), [&] { return signals_ >= count; });
    }

    static NewJob Job(std::string kind = "review") {
        NewJob job;
        job.kind = std::move(kind);
        return job;
    }

    FakeClock clock_;
    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<JobQueue> queue_;
    std::mutex mutex_;
    std::condition_variable changed_;
    int signals_ = 0;
    std::unique_ptr<store::PostgresListener> listener_;
};

TEST_F(JobNotifyTest, AnEnqueueSignalsWhenItCommitsAndABatchSignalsOnce) {
    auto rolled_back = store::InTransaction(*db_, [this](store::Connection& c) -> Result<void> {
        if (auto id = EnqueueJob(c, Job(), clock_.NowMs()); !id) {
            return id.error();
        }
        return core::MakeError(core::Errc::kConflict, "roll back");
    });
    ASSERT_FALSE(rolled_back);
    auto batch = store::InTransaction(*db_, [this](store::Connection& c) -> Result<void> {
        for (int i = 0; i < 3; ++i) {
            if (auto id = EnqueueJob(c, Job(), clock_.NowMs()); !id) {
                return id.error();
            }
        }
        return {};
    });
    ASSERT_TRUE(batch) << batch.error().detail;
    ASSERT_TRUE(WaitForSignals(2)) << "the committed enqueue must reach the listener";
    // Commit order: a notification of the rolled-back transaction would have come first.
    EXPECT_EQ(listener_->Notifications(), 1u)
        << "nothing for the rollback, and one for three jobs committed together";
}

TEST_F(JobNotifyTest, ARetryAndAReleaseSignalToo) {
    auto id = queue_->Enqueue(Job());
    ASSERT_TRUE(id) << id.error().detail;
    ASSERT_TRUE(WaitForSignals(2));
    auto claimed = queue_->Claim("worker-1");
    ASSERT_TRUE(claimed && *claimed);
    auto released = queue_->Release(*id, "worker-1");
    ASSERT_TRUE(released) << released.error().detail;
    ASSERT_TRUE(WaitForSignals(3)) << "a job given back at shutdown is claimable again";

    ASSERT_TRUE(queue_->Cancel(*id));
    ASSERT_TRUE(queue_->Retry(*id));
    ASSERT_TRUE(WaitForSignals(4)) << "an operator retry makes the job claimable again";
    EXPECT_EQ(listener_->Notifications(), 3u);
}

}  // namespace
}  // namespace nectr::queue
