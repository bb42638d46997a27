#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fake_clock.hpp"
#include "queue/job.hpp"
#include "queue/job_store.hpp"
#include "store/database.hpp"
#include "support/test_database.hpp"

namespace nectr::queue {

// Base of the queue tests that run on both engines: a fresh, migrated database per test, a
// clock the test moves, and a JobQueue over both with a fixed jitter seed.
class QueueEngineTest : public ::testing::TestWithParam<store::Engine> {
protected:
    static constexpr std::int64_t kLeaseMs = 60 * 1000;

    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database = std::move(*created);
        auto opened = test_database->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        database = std::move(*opened);
        options.seed = 42;
        queue = std::make_unique<JobQueue>(*database, clock, options);
    }

    void TearDown() override {
        queue.reset();
        database.reset();  // before the schema is dropped
        test_database.reset();
    }

    // A job of kind "review" for octo/repo#`pr` that nothing coalesces or limits.
    static NewJob Review(std::int64_t pr = 1) {
        NewJob job;
        job.kind = "review";
        job.payload = R"({"pr":)" + std::to_string(pr) + "}";
        job.repo_full_name = "octo/repo";
        job.pr_number = pr;
        job.head_sha = "sha-" + std::to_string(pr);
        return job;
    }

    std::int64_t MustEnqueue(const NewJob& job) {
        Result<std::int64_t> id = queue->Enqueue(job);
        if (!id) {
            ADD_FAILURE() << "enqueue failed: " << id.error().detail;
            return -1;
        }
        return *id;
    }

    // Claims for `worker`; a failure or an empty queue fails the test and yields an empty Job.
    Job MustClaim(const std::string& worker) {
        Result<std::optional<Job>> claimed = queue->Claim(worker);
        if (!claimed) {
            ADD_FAILURE() << "claim failed: " << claimed.error().detail;
            return {};
        }
        if (!*claimed) {
            ADD_FAILURE() << worker << " found nothing to claim";
            return {};
        }
        return **claimed;
    }

    // True when `worker` finds nothing to claim (a failure fails the test).
    bool ClaimsNothing(const std::string& worker) {
        Result<std::optional<Job>> claimed = queue->Claim(worker);
        EXPECT_TRUE(claimed) << claimed.error().detail;
        return claimed && !*claimed;
    }

    Job MustGet(std::int64_t job_id) {
        Result<Job> job = queue->Get(job_id);
        if (!job) {
            ADD_FAILURE() << "get job " << job_id << ": " << job.error().detail;
            return {};
        }
        return *job;
    }

    std::int64_t InsertEvent() {
        static constexpr store::Query kInsertEvent{
            "test.insert_event",
            "INSERT INTO events (event_type, repo_full_name, created_at) "
            "VALUES ('pull_request', 'octo/repo', $1) RETURNING id",
            "INSERT INTO events (event_type, repo_full_name, created_at) "
            "VALUES ('pull_request', 'octo/repo', $1) RETURNING id"};
        return Scalar(kInsertEvent, {clock.NowMs()}).value_or(-1);
    }

    struct EventRow {
        std::string status;
        std::optional<std::string> error;
        std::optional<std::int64_t> processed_at;
    };
    EventRow GetEvent(std::int64_t event_id) {
        static constexpr store::Query kEvent{
            "test.event", "SELECT status, error, processed_at FROM events WHERE id = $1",
            "SELECT status, error, processed_at FROM events WHERE id = $1"};
        store::Rows rows = MustRun(kEvent, {event_id});
        if (rows.empty()) {
            ADD_FAILURE() << "no event " << event_id;
            return {};
        }
        const auto& row = rows.rows.front();
        return EventRow{store::AsText(row[0]).value_or(""), store::AsText(row[1]),
                        store::AsInt(row[2])};
    }

    struct RunRow {
        std::string status;
        std::optional<std::string> error;
        std::optional<std::int64_t> completed_at;
    };
    // The workflow runs of `event_id`, oldest first.
    std::vector<RunRow> RunsOfEvent(std::int64_t event_id) {
        static constexpr store::Query kRuns{
            "test.runs",
            "SELECT status, error, completed_at FROM workflow_runs WHERE event_id = $1 ORDER BY id",
            "SELECT status, error, completed_at FROM workflow_runs WHERE event_id = $1 ORDER BY "
            "id"};
        std::vector<RunRow> runs;
        for (const auto& row : MustRun(kRuns, {event_id}).rows) {
            runs.push_back(RunRow{store::AsText(row[0]).value_or(""), store::AsText(row[1]),
                                  store::AsInt(row[2])});
        }
        return runs;
    }

    store::Rows MustRun(const store::Query& query, const std::vector<store::Value>& params) {
        Result<store::Rows> rows = store::Execute(*database, query, params);
        if (!rows) {
            ADD_FAILURE() << query.name << ": " << rows.error().detail;
            return {};
        }
        return std::move(*rows);
    }

    std::optional<std::int64_t> Scalar(const store::Query& query,
                                       const std::vector<store::Value>& params) {
        store::Rows rows = MustRun(query, params);
        if (rows.empty()) {
            return std::nullopt;
        }
        return store::AsInt(rows.rows.front().front());
    }

    FakeClock clock;
    QueueOptions options;
    std::unique_ptr<testing::TestDatabase> test_database;
    std::unique_ptr<store::Database> database;
    std::unique_ptr<JobQueue> queue;
};

}  // namespace nectr::queue
