// The sync_installation job on both engines: GitHub's example deliveries stored by the real
// ingest path, then applied to the recorded coverage of each App installation.
#include "webhooks/installation_sync.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

#include "queue/job_store.hpp"
#include "support/test_database.hpp"
#include "webhook_examples.hpp"
#include "webhooks/ingest_batch.hpp"
#include "webhooks/installation_records.hpp"
#include "webhooks/job_request.hpp"
#include "webhooks/payload_dictionary_store.hpp"
#include "webhooks/routing.hpp"

namespace nectr::webhooks {
namespace {

namespace json = boost::json;
using store::Engine;
using testing::ExampleOf;

constexpr std::string_view kKind = "sync_installation";

struct Stored {
    std::int64_t event_id = 0;
    std::int64_t job_id = 0;
};

class InstallationSyncTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = nectr::testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        queue_ = std::make_unique<queue::JobQueue>(*db_, clock_);
    }
    void TearDown() override {
        queue_.reset();
        db_.reset();
        test_database_.reset();
    }

    // Stores `payload` as the receiver would: parsed, routed, and written with its job.
    Stored Deliver(const std::string& event, const json::object& payload) {
        Delivery delivery = testing::MustParse(event, payload);
        delivery.delivery_id = "delivery-" + std::to_string(++deliveries_);
        RoutingDecision decision = RouteDelivery(delivery);
        EXPECT_TRUE(decision.job) << "an installation event must ask for a job: " << decision.note;
        IngestItem item;
        item.event_type = delivery.event;
        item.action = delivery.action;
        item.delivery_id = delivery.delivery_id;
        item.payload_json = delivery.payload_json;
        if (dictionary_) {
            item.encoded_payload = EncodePayload(delivery.payload_json, dictionary_.get());
        }
        if (decision.job) {
            item.job = MakeJobRequest(delivery, decision);
        }
        std::vector<core::Result<IngestOutcome>> results;
        auto done =
            store::InTransaction(*db_, [&](store::Connection& connection) -> core::Result<void> {
                results = WriteIngestBatch(connection, std::span(&item, 1),
                                           core::ToUnixMillis(clock_.Now()), std::chrono::hours(1));
                return {};
            });
        EXPECT_TRUE(done) << done.error().detail;
        if (!done || !results.front() || !results.front()->job_id) {
            ADD_FAILURE() << "the delivery was not stored with a job";
            return {};
        }
        return Stored{results.front()->event_id, *results.front()->job_id};
    }

    Stored DeliverExample(const std::string& event, const std::string& action) {
        return Deliver(event, ExampleOf(event, action));
    }

    // Runs the job as a worker would, with the handler's blocking body, and completes it.
    core::Result<void> Run(const Stored& stored) {
        core::Result<queue::Job> job = queue_->Get(stored.job_id);
        if (!job) {
            return job.error();
        }
        return SyncInstallation(*db_, clock_, *job);
    }

    void MustRun(const Stored& stored) {
        core::Result<void> done = Run(stored);
        ASSERT_TRUE(done) << done.error().detail;
    }

    InstallationCoverage Coverage(std::int64_t installation_id) {
        auto coverage = LoadInstallationCoverage(*db_, installation_id);
        if (!coverage || !*coverage) {
            ADD_FAILURE() << "installation " << installation_id << " is not recorded"
                          << (coverage ? "" : ": " + coverage.error().detail);
            return {};
        }
        return **coverage;
    }

    std::unique_ptr<nectr::testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    core::SystemClock clock_;
    std::unique_ptr<queue::JobQueue> queue_;
    int deliveries_ = 0;
    // Set: deliveries are stored compressed with it, as a server with a dictionary stores them.
    std::shared_ptr<const PayloadDictionary> dictionary_;
};

// The installation_repositories.removed example, retargeted at another installation and
// repository.
json::object Removal(std::int64_t installation_id, std::int64_t repository_id,
                     const std::string& full_name) {
    json::object payload = ExampleOf("installation_repositories", "removed");
    payload["installation"].as_object()["id"] = installation_id;
    payload["repositories_removed"].as_array()[0].as_object()["id"] = repository_id;
    payload["repositories_removed"].as_array()[0].as_object()["full_name"] = full_name;
    return payload;
}

TEST_P(InstallationSyncTest, RecordsTheCoverageTheOfficialExamplesDescribe) {
    MustRun(DeliverExample("installation", "created"));
    MustRun(DeliverExample("installation_repositories", "added"));
    MustRun(DeliverExample("installation_repositories", "removed"));

    InstallationCoverage codertocat = Coverage(957387);
    EXPECT_EQ(codertocat.account_login, "Codertocat");
    EXPECT_EQ(codertocat.account_type, "User");
    EXPECT_EQ(codertocat.repository_selection, "selected");
    EXPECT_EQ(codertocat.status, "active");
    EXPECT_EQ(codertocat.CoveredNames(),
              (std::vector<std::string>{"Codertocat/Hello-World", "Codertocat/Space"}));
    for (const CoveredRepository& repository : codertocat.repositories) {
        EXPECT_TRUE(repository.added_at_ms) << repository.full_name;
    }

    InstallationCoverage octocat = Coverage(2);
    EXPECT_TRUE(octocat.CoveredNames().empty());
    ASSERT_EQ(octocat.repositories.size(), 1u);
    EXPECT_EQ(octocat.repositories[0].repository_id, 1296269);
    EXPECT_EQ(octocat.repositories[0].full_name, "octocat/Hello-World");
    EXPECT_TRUE(octocat.repositories[0].removed_at_ms);
    EXPECT_FALSE(octocat.repositories[0].added_at_ms)
        << "its removal was the first Nectr heard of it";
}

// The dictionary a delivery was compressed with is read from the database, as another
// process that trained it stored it there.
TEST_P(InstallationSyncTest, ReadsADeliveryCompressedWithAStoredDictionary) {
    std::vector<std::string> samples;
    for (const json::object& example : testing::ExamplesOf("installation")) {
        samples.push_back(json::serialize(example));
    }
    for (const json::object& example : testing::ExamplesOf("pull_request")) {
        samples.push_back(json::serialize(example));
    }
    auto trained = PayloadDictionary::Train(samples, 16 * 1024);
    ASSERT_TRUE(trained) << trained.error().detail;
    dictionary_ = *trained;
    const Stored unreadable = DeliverExample("installation", "created");
    core::Result<void> failed = Run(unreadable);
    ASSERT_FALSE(failed) << "the dictionary is not stored yet";
    EXPECT_EQ(failed.error().code, core::Errc::kNotFound) << failed.error().detail;
    EXPECT_EQ(failed.error().detail, fmt::format("event {}: payload dictionary {} is not stored",
                                                 unreadable.event_id, dictionary_->id()));

    ASSERT_TRUE(SavePayloadDictionary(*db_, *dictionary_, {samples.size(), 0},
                                      core::ToUnixMillis(clock_.Now())));
    MustRun(unreadable);
    EXPECT_EQ(Coverage(957387).CoveredNames(), std::vector<std::string>{"Codertocat/Hello-World"});
}

TEST_P(InstallationSyncTest, RunningAJobAgainChangesNothing) {
    const Stored created = DeliverExample("installation", "created");
    MustRun(created);
    const InstallationCoverage first = Coverage(957387);
    MustRun(created);
    const InstallationCoverage again = Coverage(957387);
    EXPECT_EQ(again.CoveredNames(), first.CoveredNames());
    ASSERT_EQ(again.repositories.size(), 1u);
    EXPECT_EQ(again.repositories[0].added_at_ms, first.repositories[0].added_at_ms)
        << "a retried attempt must not restart the coverage";
}

TEST_P(InstallationSyncTest, AnOlderDeliveryAppliedLastDoesNotUndoANewerOne) {
    const Stored added = DeliverExample("installation_repositories", "added");
    const Stored removed =
        Deliver("installation_repositories", Removal(957387, 186853007, "Codertocat/Space"));
    MustRun(removed);
    MustRun(added);  // a retry, or a second worker, ran the older delivery after the newer
    InstallationCoverage coverage = Coverage(957387);
    EXPECT_TRUE(coverage.CoveredNames().empty()) << "the removal came last on GitHub";
    EXPECT_EQ(coverage.last_event_id, removed.event_id);
}

TEST_P(InstallationSyncTest, AnUninstallRemovesEveryRepositoryAndOlderAddsStayOut) {
    MustRun(DeliverExample("installation", "created"));
    const Stored added = DeliverExample("installation_repositories", "added");
    json::object deleted = ExampleOf("installation", "deleted");
    deleted["installation"].as_object()["id"] = 957387;
    deleted["repositories"] = json::array();
    MustRun(Deliver("installation", deleted));
    MustRun(added);

    InstallationCoverage coverage = Coverage(957387);
    EXPECT_EQ(coverage.status, "deleted");
    EXPECT_TRUE(coverage.CoveredNames().empty())
        << "an uninstalled App covers nothing, whatever an older delivery said";
    EXPECT_EQ(coverage.repositories.size(), 1u) << "Space was never recorded as covered";
}

TEST_P(InstallationSyncTest, SuspensionChangesTheStatusAndKeepsTheRepositories) {
    json::object created = ExampleOf("installation", "created");
    created["installation"].as_object()["id"] = 16598467;
    MustRun(Deliver("installation", created));
    MustRun(DeliverExample("installation", "suspend"));
    EXPECT_EQ(Coverage(16598467).status, "suspended");
    EXPECT_EQ(Coverage(16598467).CoveredNames(),
              std::vector<std::string>{"Codertocat/Hello-World"});
    MustRun(DeliverExample("installation", "unsuspend"));
    EXPECT_EQ(Coverage(16598467).status, "active");
}

TEST_P(InstallationSyncTest, RefusesJobsItCannotRead) {
    queue::Job orphan;
    orphan.id = 99;
    orphan.kind = std::string(kKind);
    core::Result<void> no_event = SyncInstallation(*db_, clock_, orphan);
    ASSERT_FALSE(no_event);
    EXPECT_EQ(no_event.error().code, core::Errc::kInvalidInput);

    orphan.event_id = 123456;
    core::Result<void> gone = SyncInstallation(*db_, clock_, orphan);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, core::Errc::kNotFound);

    IngestItem item;
    item.event_type = "push";
    item.payload_json = R"({"ref":"refs/heads/main"})";
    std::vector<core::Result<IngestOutcome>> results;
    auto done =
        store::InTransaction(*db_, [&](store::Connection& connection) -> core::Result<void> {
            results = WriteIngestBatch(connection, std::span(&item, 1), 1, std::chrono::hours(1));
            return {};
        });
    ASSERT_TRUE(done && results.front()) << "the push event must be stored";
    orphan.event_id = results.front()->event_id;
    core::Result<void> wrong_type = SyncInstallation(*db_, clock_, orphan);
    ASSERT_FALSE(wrong_type);
    EXPECT_EQ(wrong_type.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(wrong_type.error().detail.find("push"), std::string::npos)
        << wrong_type.error().detail;
}

TEST_P(InstallationSyncTest, AWorkerRunsTheJobAndTheEventEndsCompleted) {
    const Stored stored = DeliverExample("installation", "created");
    core::BlockingPool pool(2);
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    std::thread io_thread([&io] { io.run(); });
    queue::WorkerOptions options;
    options.name = "sync-test";
    options.poll_interval = std::chrono::milliseconds(50);
    queue::Worker worker(io.get_executor(), *queue_, pool, options);
    worker.Register(std::string(kKind),
                    MakeInstallationSyncHandler(InstallationSyncDeps{db_.get(), &pool, &clock_}));
    worker.Start();

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (worker.Counters().succeeded + worker.Counters().failed == 0 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    auto stopped = boost::asio::co_spawn(io, worker.Stop(), boost::asio::use_future);
    EXPECT_EQ(stopped.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    guard.reset();
    io_thread.join();
    pool.Join();

    EXPECT_EQ(worker.Counters().succeeded, 1u);
    core::Result<queue::Job> job = queue_->Get(stored.job_id);
    ASSERT_TRUE(job) << job.error().detail;
    EXPECT_EQ(job->state, queue::JobState::kSucceeded);
    const std::string sql =
        "SELECT status FROM events WHERE id = " + std::to_string(stored.event_id);
    auto status = store::Execute(*db_, store::Query{"test.event_status", sql, sql});
    ASSERT_TRUE(status && !status->empty());
    EXPECT_EQ(store::AsText(status->rows.front().front()), "completed");
    EXPECT_EQ(Coverage(957387).CoveredNames(), std::vector<std::string>{"Codertocat/Hello-World"});
}

INSTANTIATE_TEST_SUITE_P(Engines, InstallationSyncTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::webhooks
