// Storing deliveries: event and job in one transaction, duplicates written once, on both
// engines.
#include "webhooks/ingest_batch.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "support/test_database.hpp"
#include "webhooks/ingest_writer.hpp"

namespace nectr::webhooks {
namespace {

using store::Engine;

constexpr std::int64_t kNow = 1'800'000'000'000;
constexpr std::chrono::milliseconds kHour{3'600'000};

IngestItem ReviewItem(std::string delivery_id, std::string payload) {
    IngestItem item;
    item.event_type = "pull_request";
    item.action = "opened";
    item.delivery_id = std::move(delivery_id);
    item.repo_full_name = "octo/repo";
    item.payload_json = std::move(payload);
    item.dedup_hash = "hash-of-" + item.payload_json;
    queue::NewJob job;
    job.kind = "review";
    job.repo_full_name = "octo/repo";
    job.pr_number = 7;
    item.job = job;
    return item;
}

// A migrated database per test, and counting its rows.
class IngestTest : public testing::MigratedDatabaseTest {
protected:
    std::int64_t Count(const std::string& sql) {
        auto rows = store::Execute(Db(), store::Query{"test.count", sql, sql});
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }
};

class IngestBatchTest : public IngestTest {
protected:
    std::vector<core::Result<IngestOutcome>> Write(std::vector<IngestItem> items,
                                                   std::int64_t now = kNow) {
        std::vector<core::Result<IngestOutcome>> results;
        auto done =
            store::InTransaction(Db(), [&](store::Connection& connection) -> core::Result<void> {
                results = WriteIngestBatch(connection, items, now, kHour);
                return {};
            });
        EXPECT_TRUE(done) << done.error().detail;
        return results;
    }
};

TEST_P(IngestBatchTest, StoresTheEventAndItsJobTogether) {
    auto results = Write({ReviewItem("d1", R"({"number":7})")});
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0]) << results[0].error().detail;
    EXPECT_EQ(results[0]->status, IngestStatus::kAccepted);
    ASSERT_TRUE(results[0]->job_id.has_value());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE status = 'pending'"), 1);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM jobs WHERE event_id = " + std::to_string(results[0]->event_id)),
        1)
        << "the job must point at its event";
}

TEST_P(IngestBatchTest, ARedeliveredIdIsADuplicateAndWritesNothing) {
    auto first = Write({ReviewItem("same-id", R"({"a":1})")});
    auto second = Write({ReviewItem("same-id", R"({"a":2})")});
    ASSERT_TRUE(first[0] && second[0]);
    EXPECT_EQ(second[0]->status, IngestStatus::kDuplicate);
    EXPECT_EQ(second[0]->event_id, first[0]->event_id);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), 1);
}

TEST_P(IngestBatchTest, TheSamePayloadUnderANewIdIsADuplicateOnlyWithinTheWindow) {
    Write({ReviewItem("id-1", R"({"p":1})")});
    auto within = Write({ReviewItem("id-2", R"({"p":1})")}, kNow + kHour.count() - 1);
    ASSERT_TRUE(within[0]);
    EXPECT_EQ(within[0]->status, IngestStatus::kDuplicate);
    auto after = Write({ReviewItem("id-3", R"({"p":1})")}, kNow + kHour.count() + 1);
    ASSERT_TRUE(after[0]);
    EXPECT_EQ(after[0]->status, IngestStatus::kAccepted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 2);
}

TEST_P(IngestBatchTest, DuplicatesInsideOneBatchAreCaughtToo) {
    auto results = Write({ReviewItem("x", R"({"b":1})"), ReviewItem("x", R"({"b":1})"),
                          ReviewItem("y", R"({"b":2})")});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0]->status, IngestStatus::kAccepted);
    EXPECT_EQ(results[1]->status, IngestStatus::kDuplicate);
    EXPECT_EQ(results[2]->status, IngestStatus::kAccepted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), 2);
}

TEST_P(IngestBatchTest, AnItemThatFailsLeavesTheRestOfItsBatchStoredAndNothingOfItself) {
    IngestItem broken = ReviewItem("bad", R"({"c":2})");
    broken.job->kind = "";  // refused by the queue after the event row was written
    auto results = Write({ReviewItem("good-1", R"({"c":1})"), std::move(broken),
                          ReviewItem("good-2", R"({"c":3})")});
    ASSERT_EQ(results.size(), 3u);
    ASSERT_TRUE(results[0]) << results[0].error().detail;
    ASSERT_FALSE(results[1]);
    EXPECT_EQ(results[1].error().code, core::Errc::kInvalidInput);
    ASSERT_TRUE(results[2]) << results[2].error().detail;
    EXPECT_EQ(results[0]->status, IngestStatus::kAccepted);
    EXPECT_EQ(results[2]->status, IngestStatus::kAccepted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 2) << "the failed item's event is undone";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE delivery_id = 'bad'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), 2);
}

TEST_P(IngestBatchTest, AnEventWithoutWorkIsStoredCompletedWithItsNote) {
    IngestItem item = ReviewItem("z", R"({"action":"labeled"})");
    item.job.reset();
    item.note = "pull_request.labeled is not handled";
    auto results = Write({item});
    ASSERT_TRUE(results[0]);
    EXPECT_FALSE(results[0]->job_id.has_value());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE status = 'completed' AND processed_at IS "
                    "NOT NULL AND note = 'pull_request.labeled is not handled'"),
              1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), 0);
}

TEST_P(IngestBatchTest, StoresThePayloadCompressedAndReadsItBack) {
    std::string payload = R"({"body":")" + std::string(20000, 'x') + R"("})";
    auto results = Write({ReviewItem("big", payload)});
    ASSERT_TRUE(results[0]);
    const std::string sql = "SELECT payload, payload_encoding FROM events WHERE id = " +
                            std::to_string(results[0]->event_id);
    auto rows = store::Execute(Db(), store::Query{"test.payload", sql, sql});
    ASSERT_TRUE(rows) << rows.error().detail;
    auto* blob = std::get_if<store::Blob>(&rows->rows.front()[0]);
    ASSERT_NE(blob, nullptr);
    EXPECT_LT(blob->bytes.size(), payload.size() / 10) << "a repetitive payload must shrink";
    auto decoded = DecodePayload(blob->bytes, *store::AsText(rows->rows.front()[1]));
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, payload);
}

TEST_P(IngestBatchTest, TheWriterAnswersEveryConcurrentSubmitAfterItsCommit) {
    core::SystemClock clock;
    IngestWriter writer(Db(), clock, IngestOptions{});
    boost::asio::io_context io;
    constexpr int kDeliveries = 200;
    std::vector<std::future<core::Result<IngestOutcome>>> answers;
    for (int i = 0; i < kDeliveries; ++i) {
        answers.push_back(
            boost::asio::co_spawn(io,
                                  writer.Submit(ReviewItem("c-" + std::to_string(i),
                                                           "{\"i\":" + std::to_string(i) + "}")),
                                  boost::asio::use_future));
    }
    io.run();
    int accepted = 0;
    for (auto& answer : answers) {
        auto outcome = answer.get();
        ASSERT_TRUE(outcome) << outcome.error().detail;
        accepted += outcome->status == IngestStatus::kAccepted ? 1 : 0;
    }
    EXPECT_EQ(accepted, kDeliveries);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), kDeliveries);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), kDeliveries);
}

TEST_P(IngestBatchTest, TheWriterRefusesWorkAfterItStopped) {
    core::SystemClock clock;
    IngestWriter writer(Db(), clock, IngestOptions{});
    writer.Stop();
    boost::asio::io_context io;
    auto answer =
        boost::asio::co_spawn(io, writer.Submit(ReviewItem("late", "{}")), boost::asio::use_future);
    io.run();
    auto outcome = answer.get();
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kUnavailable);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 0);
}

// The writer's gathering under load. SQLite only: the gathering is the writer's own and the
// same on both engines, and SQLite's file lock is what holds the writer still here.
class IngestWriterGatherTest : public IngestTest {
protected:
    void SetUp() override {
        IngestTest::SetUp();
        io_thread_ = std::thread([this] { io_.run(); });
    }
    void TearDown() override {
        work_.reset();
        if (io_thread_.joinable()) {
            io_thread_.join();
        }
        IngestTest::TearDown();
    }

    std::future<core::Result<IngestOutcome>> Submit(IngestWriter& writer, const std::string& id) {
        return boost::asio::co_spawn(io_, writer.Submit(ReviewItem(id, "{\"id\":\"" + id + "\"}")),
                                     boost::asio::use_future);
    }

    static bool Ready(std::future<core::Result<IngestOutcome>>& answer) {
        return answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }

    boost::asio::io_context io_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        io_.get_executor()};
    std::thread io_thread_;
    core::SystemClock clock_;
};

TEST_P(IngestWriterGatherTest, ADeliveryThatArrivesAloneIsNotHeldForTheGathering) {
    IngestWriter writer(
        Db(), clock_, IngestOptions{.gather_items = 16, .gather_delay = std::chrono::seconds(30)});
    auto alone = Submit(writer, "alone");
    ASSERT_EQ(alone.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "a lone delivery waited for others";
    EXPECT_TRUE(alone.get());
}

TEST_P(IngestWriterGatherTest, DeliveriesWaitingBehindACommitAreGatheredIntoTheNextOne) {
    std::atomic<int> commits{0};
    IngestWriter writer(Db(), clock_,
                        IngestOptions{.gather_items = 3, .gather_delay = std::chrono::seconds(30)});
    writer.SetCommitListener([&commits] { ++commits; });
    // Another connection (its own database object, so its own in-process lock) holds SQLite's
    // write lock: the writer's first commit waits on it, and the next deliveries queue.
    auto other = test_database_->Open();
    ASSERT_TRUE(other) << other.error().detail;
    auto holder = (*other)->Acquire();
    ASSERT_TRUE(holder) << holder.error().detail;
    ASSERT_TRUE((*holder)->Begin());
    auto first = Submit(writer, "first");
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the writer takes it
    auto second = Submit(writer, "second");
    auto third = Submit(writer, "third");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both are queued
    ASSERT_TRUE((*holder)->Rollback());
    ASSERT_EQ(first.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_TRUE(first.get());
    // Two waiting, the writer wants three: it holds them rather than commit them at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(Ready(second)) << "two waiting deliveries were committed without gathering";
    EXPECT_FALSE(Ready(third));
    auto fourth = Submit(writer, "fourth");
    for (auto* answer : {&second, &third, &fourth}) {
        ASSERT_EQ(answer->wait_for(std::chrono::seconds(10)), std::future_status::ready);
        auto outcome = answer->get();
        ASSERT_TRUE(outcome) << outcome.error().detail;
        EXPECT_EQ(outcome->status, IngestStatus::kAccepted);
    }
    // The listener runs after a commit's answers are handed back: wait for it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (commits.load() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(commits.load(), 2) << "the first alone, then the three gathered";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 4);
}

INSTANTIATE_TEST_SUITE_P(Engines, IngestBatchTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);
INSTANTIATE_TEST_SUITE_P(Engines, IngestWriterGatherTest, ::testing::Values(Engine::kSqlite),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::webhooks
