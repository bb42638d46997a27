// `nectr worker` on PostgreSQL wakes on LISTEN/NOTIFY: a job that another process (`nectr
// serve`) queues is done long before the worker's 60-second poll would have found it, and
// still after PostgreSQL restarts under both processes.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <regex>
#include <thread>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/signed_examples.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr const char* kSecret = "wakeup-secret";
constexpr const char* kToken = "wakeup-operator-token";
// Far beyond the deadline below: only a wake-up can get the job done in time.
constexpr const char* kPollSeconds = "60";
constexpr auto kDoneWithin = seconds(20);

CommandResult PgCluster(const std::string& action, const std::string& dir) {
    return RunCommand(
        {"/bin/bash", std::string(NECTR_SOURCE_DIR) + "/scripts/pg_cluster.sh", action, dir}, {},
        seconds(120));
}

// Drains the process's standard error until it holds `needle` `times` times.
bool WaitForStderr(ChildProcess& process, const std::string& needle, int times,
                   std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string& err = process.Stderr();
        int found = 0;
        for (std::size_t at = err.find(needle); at != std::string::npos;
             at = err.find(needle, at + 1)) {
            ++found;
        }
        if (found >= times) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

class WorkerWakeupTest : public ::testing::Test {
protected:
    void SetUp() override {
        CommandResult started = PgCluster("start", cluster_.Path());
        ASSERT_EQ(started.exit_code, 0) << started.err;
        cluster_started_ = true;
        database_url_ = started.out.substr(0, started.out.find('\n'));

        // The server only ingests: with no workers of its own, the job must go to the worker.
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0", "--workers", "0"},
            std::map<std::string, std::string>{{"DATABASE_URL", database_url_},
                                               {"GITHUB_WEBHOOK_SECRET", kSecret},
                                               {"ADMIN_API_TOKEN", kToken},
                                               {"LOG_LEVEL", "warn"}},
            server_dir_.Path());
        auto line = server_->WaitForStdoutLine("is running at", seconds(30));
        std::smatch match;
        ASSERT_TRUE(line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))")))
            << server_->Stderr();
        base_url_ = "http://127.0.0.1:" + match[1].str();

        worker_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "worker", "--workers", "1",
                                     "--poll-interval", kPollSeconds},
            std::map<std::string, std::string>{{"DATABASE_URL", database_url_}},
            worker_dir_.Path());
        ASSERT_TRUE(worker_->WaitForStdoutLine("worker running", seconds(30))) << worker_->Stderr();
        // Listening from here on: a job queued later can only be found by a notification
        // (or by the poll, 60 s away).
        ASSERT_TRUE(WaitForStderr(*worker_, "store.listener_listening", 1, seconds(30)))
            << worker_->Stderr();
        examples_ = SignGitHubExamples(kSecret, {"installation", "installation_repositories"});
    }

    void TearDown() override {
        for (ChildProcess* process : {worker_.get(), server_.get()}) {
            if (process != nullptr) {
                process->Signal(SIGTERM);
                EXPECT_EQ(process->Wait(seconds(30)), 0) << process->Stderr();
            }
        }
        if (cluster_started_) {
            PgCluster("stop", cluster_.Path());
        }
    }

    // Delivers the example, retrying while the server's ingest reconnects after a restart;
    // returns the event id, or 0.
    std::int64_t Deliver(const std::string& event, const std::string& action) {
        const SignedExample* example = nullptr;
        for (const SignedExample& candidate : examples_) {
            if (candidate.event == event && candidate.action == action) {
                example = &candidate;
                break;
            }
        }
        if (example == nullptr) {
            ADD_FAILURE() << "no " << event << "." << action << " example";
            return 0;
        }
        const auto deadline = std::chrono::steady_clock::now() + seconds(30);
        HttpResult result;
        while (std::chrono::steady_clock::now() < deadline) {
            result = HttpRequest("POST", base_url_ + "/api/v1/webhooks/github", example->body,
                                 {{"Content-Type", "application/json"},
                                  {"X-GitHub-Event", example->event},
                                  {"X-GitHub-Delivery", "wakeup-" + event + "-" + action},
                                  {"X-Hub-Signature-256", example->signature}});
            if (result.status == 202) {
                return json::parse(result.body).at("event_id").as_int64();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "the delivery was never accepted: " << result.status << " " << result.body
                      << "\n"
                      << server_->Stderr();
        return 0;
    }

    // The event's status as the events API shows it, polled until it is not pending.
    std::string WaitUntilProcessed(std::int64_t event_id, std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::string status = "pending";
        while (std::chrono::steady_clock::now() < deadline) {
            HttpResult listed = HttpRequest("GET", base_url_ + "/api/v1/events?limit=100", "",
                                            {{"Authorization", std::string("Bearer ") + kToken}});
            if (listed.status == 200) {
                const json::value page = json::parse(listed.body);
                for (const json::value& event : page.at("events").as_array()) {
                    if (event.at("id").as_int64() == event_id) {
                        status = std::string(event.at("status").as_string());
                    }
                }
            }
            if (status != "pending") {
                return status;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return status;
    }

    TempDir cluster_;
    bool cluster_started_ = false;
    std::string database_url_;
    TempDir server_dir_;
    TempDir worker_dir_;
    std::unique_ptr<ChildProcess> server_;
    std::unique_ptr<ChildProcess> worker_;
    std::string base_url_;
    std::vector<SignedExample> examples_;
};

TEST_F(WorkerWakeupTest, AJobQueuedByAnotherProcessIsDoneLongBeforeThePoll) {
    const std::int64_t event_id = Deliver("installation", "created");
    ASSERT_GT(event_id, 0);
    EXPECT_EQ(WaitUntilProcessed(event_id, kDoneWithin), "completed")
        << "the worker polls every " << kPollSeconds << " s; only a notification wakes it sooner\n"
        << worker_->Stderr();
}

TEST_F(WorkerWakeupTest, TheListenerListensAgainAfterPostgresRestarts) {
    const std::int64_t before = Deliver("installation", "created");
    ASSERT_EQ(WaitUntilProcessed(before, kDoneWithin), "completed") << worker_->Stderr();

    CommandResult restarted = PgCluster("restart", cluster_.Path());
    ASSERT_EQ(restarted.exit_code, 0) << restarted.err;
    ASSERT_TRUE(WaitForStderr(*worker_, "store.listener_listening", 2, seconds(60)))
        << "the worker's listener did not come back\n"
        << worker_->Stderr();

    const std::int64_t after = Deliver("installation_repositories", "added");
    ASSERT_GT(after, 0);
    EXPECT_EQ(WaitUntilProcessed(after, kDoneWithin), "completed")
        << "a job queued after the restart must still wake the worker\n"
        << worker_->Stderr();
    EXPECT_FALSE(worker_->Wait(std::chrono::milliseconds(0)).has_value())
        << "the worker must outlive the database restart";
}

}  // namespace
}  // namespace nectr::testing
