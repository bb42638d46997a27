// Nothing accepted is lost: every delivery answered 202 is in the database afterwards, even
// when PostgreSQL dies and comes back in the middle of a burst, or the server is killed -9.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

using std::chrono::seconds;

constexpr const char* kSecret = "durability-secret";

// A real `pull_request` "opened" delivery from GitHub's published examples (about 21 KB).
std::string ExamplePayload() {
    std::ifstream in(std::string(NECTR_NODE_MODULES) +
                     "/@octokit/webhooks-examples/api.github.com/index.json");
    std::stringstream text;
    text << in.rdbuf();
    const boost::json::value index = boost::json::parse(text.str());
    for (const auto& entry : index.as_array()) {
        if (entry.at("name") != "pull_request") {
            continue;
        }
        for (const auto& example : entry.at("examples").as_array()) {
            if (example.at("action") == "opened") {
                return boost::json::serialize(example);
            }
        }
    }
    ADD_FAILURE() << "no pull_request example found in " << NECTR_NODE_MODULES;
    return "{}";
}

// The server's base URL from its "is running at" line; empty if it never said so.
std::string WaitForUrl(ChildProcess& server) {
    auto line = server.WaitForStdoutLine("is running at", seconds(30));
    std::smatch match;
    if (line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))"))) {
        return "http://127.0.0.1:" + match[1].str() + "/api/v1/webhooks/github";
    }
    return "";
}

// Sends unique signed deliveries one after another until told to stop; remembers which were
// answered 202.
class Burst {
public:
    Burst(std::string url, std::string payload)
        : url_(std::move(url)), payload_(std::move(payload)) {}

    void SendUntilStopped(int at_most) {
        for (int i = 0; i < at_most && !stop_.load(); ++i) {
            Send(i);
        }
    }
    void Send(int i) {
        std::string id = "burst-" + std::to_string(i);
        // A distinct body per delivery, or the payload dedup would answer "duplicate".
        std::string body = payload_;
        body.insert(body.rfind('}'), ",\"nectr_test_sequence\":" + std::to_string(i));
        HttpResult result =
            HttpRequest("POST", url_, body,
                        {{"Content-Type", "application/json"},
                         {"X-GitHub-Event", "pull_request"},
                         {"X-GitHub-Delivery", id},
                         {"X-Hub-Signature-256", webhooks::SignBody(kSecret, body)}},
                        5000);
        std::lock_guard lock(mutex_);
        ++sent_;
        if (result.status == 202) {
            accepted_.insert(id);
        } else {
            ++refused_;
        }
    }
    void Stop() { stop_ = true; }
    bool Stopped() const { return stop_.load(); }
    void SetUrl(std::string url) {
        std::lock_guard lock(mutex_);
        url_ = std::move(url);
    }
    std::set<std::string> Accepted() {
        std::lock_guard lock(mutex_);
        return accepted_;
    }
    int Refused() {
        std::lock_guard lock(mutex_);
        return refused_;
    }

private:
    std::string url_;
    std::string payload_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::set<std::string> accepted_;
    int sent_ = 0;
    int refused_ = 0;
};

std::set<std::string> StoredDeliveries(const std::string& database_url, std::int64_t* rows) {
    store::DatabaseOptions options;
    options.url = database_url;
    auto db = store::OpenDatabase(options);
    EXPECT_TRUE(db) << db.error().detail;
    std::set<std::string> ids;
    if (!db) {
        return ids;
    }
    const char* sql = "SELECT delivery_id FROM events WHERE delivery_id LIKE 'burst-%'";
    auto result = store::Execute(**db, store::Query{"test.deliveries", sql, sql});
    EXPECT_TRUE(result) << result.error().detail;
    if (result) {
        for (const auto& row : result->rows) {
            ids.insert(store::AsText(row.front()).value_or(""));
        }
        *rows = static_cast<std::int64_t>(result->rows.size());
    }
    return ids;
}

// A cluster with PostgreSQL's durable settings: the throwaway default turns
// synchronous_commit off, which loses the last commits on a crash by design.
CommandResult PgCluster(const std::string& action, const std::string& dir) {
    return RunCommand(
        {"/bin/bash", std::string(NECTR_SOURCE_DIR) + "/scripts/pg_cluster.sh", action, dir},
        {{"PG_DURABLE", "1"}}, seconds(120));
}

TEST(IngestDurabilityTest, NoAcceptedDeliveryIsLostWhenPostgresRestartsMidBurst) {
    TempDir cluster;
    struct Guard {
        const TempDir& dir;
        ~Guard() { PgCluster("stop", dir.Path()); }
    } guard{cluster};
    CommandResult started = PgCluster("start", cluster.Path());
    ASSERT_EQ(started.exit_code, 0) << started.err;
    const std::string database_url = started.out.substr(0, started.out.find('\n'));
    TempDir dir;
    ChildProcess server({NECTR_BINARY_PATH, "serve", "--port", "0"},
                        // Ingest alone: workers would fail every review job (no GitHub here) while
                        // the database restarts, which is not what this test is about.
                        {{"DATABASE_URL", database_url},
                         {"GITHUB_WEBHOOK_SECRET", kSecret},
                         {"LOG_LEVEL", "warn"},
                         {"WORKERS", "0"}},
                        dir.Path());
    std::string url = WaitForUrl(server);
    ASSERT_FALSE(url.empty()) << server.Stderr();

    Burst burst(url, ExamplePayload());
    std::thread sender([&burst] { burst.SendUntilStopped(100000); });
    // Reads the server's output while waiting: while PostgreSQL is down every refused delivery
    // logs a warning, and a full pipe would stall the server on its own log.
    auto wait_for_accepted = [&burst, &server](std::size_t count) {
        auto deadline = std::chrono::steady_clock::now() + seconds(60);
        while (burst.Accepted().size() < count && std::chrono::steady_clock::now() < deadline) {
            for (int read = 0; read < 64; ++read) {
                (void)server.Stderr();  // reads what is there, a few KiB at a time
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    };
    wait_for_accepted(50);
    ASSERT_EQ(PgCluster("kill", cluster.Path()).exit_code, 0);
    std::size_t before_restart = burst.Accepted().size();
    ASSERT_EQ(PgCluster("restart", cluster.Path()).exit_code, 0);
    wait_for_accepted(before_restart + 50);
    burst.Stop();
    sender.join();

    std::int64_t rows = 0;
    std::set<std::string> stored = StoredDeliveries(database_url, &rows);
    std::set<std::string> accepted = burst.Accepted();
    EXPECT_GE(accepted.size(), before_restart + 50) << "ingest must recover after the restart";
    for (const std::string& id : accepted) {
        EXPECT_TRUE(stored.contains(id)) << id << " was answered 202 but is not stored";
    }
    EXPECT_EQ(rows, static_cast<std::int64_t>(stored.size())) << "no delivery stored twice";
    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(seconds(30)), 0) << server.Stderr();
}

TEST(IngestDurabilityTest, NoAcceptedDeliveryIsLostWhenTheServerIsKilledMidBurst) {
    TempDir dir;
    const std::map<std::string, std::string> env{{"GITHUB_WEBHOOK_SECRET", kSecret},
                                                 {"LOG_LEVEL", "warn"}};
    auto server = std::make_unique<ChildProcess>(
        std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0"}, env, dir.Path());
    std::string url = WaitForUrl(*server);
    ASSERT_FALSE(url.empty()) << server->Stderr();
    Burst burst(url, ExamplePayload());
    std::vector<std::thread> senders;
    std::atomic<int> next{0};
    for (int t = 0; t < 4; ++t) {
        senders.emplace_back([&burst, &next] {
            for (int i = next++; i < 100000 && !burst.Stopped(); i = next++) {
                burst.Send(i);
            }
        });
    }
    auto deadline = std::chrono::steady_clock::now() + seconds(60);
    while (burst.Accepted().size() < 100 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server->Signal(SIGKILL);
    server->Wait(seconds(30));
    burst.Stop();
    for (std::thread& sender : senders) {
        sender.join();
    }
    std::int64_t rows = 0;
    std::set<std::string> stored =
        StoredDeliveries("sqlite:///" + dir.Path() + "/nectr-data/nectr.db", &rows);
    std::set<std::string> accepted = burst.Accepted();
    ASSERT_GE(accepted.size(), 100u);
    for (const std::string& id : accepted) {
        EXPECT_TRUE(stored.contains(id)) << id << " was answered 202 but is not stored";
    }
    EXPECT_EQ(rows, static_cast<std::int64_t>(stored.size())) << "no delivery stored twice";
}

}  // namespace
}  // namespace nectr::testing
