// GitHub App installation events through the real `nectr serve --workers 1`, on both engines:
// GitHub's example deliveries, signed by GitHub's reference library, end up as the recorded
// coverage of each installation, and the events API shows them completed.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <regex>
#include <thread>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/signed_examples.hpp"
#include "support/test_database.hpp"
#include "webhooks/installation_records.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr const char* kSecret = "installation-sync-secret";
constexpr const char* kToken = "operator-token-for-e2e";

class InstallationSyncE2eTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        std::map<std::string, std::string> env{{"GITHUB_WEBHOOK_SECRET", kSecret},
                                               {"ADMIN_API_TOKEN", kToken}};
        if (GetParam() == store::Engine::kPostgres) {
            auto created = TestDatabase::Create(store::Engine::kPostgres);
            ASSERT_TRUE(created) << created.error().detail;
            database_ = std::move(*created);
            database_url_ = database_->Url();
            env["DATABASE_URL"] = database_url_;
        } else {
            database_url_ = "sqlite:///" + dir_.Path() + "/nectr-data/nectr.db";
        }
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0", "--workers", "1"},
            env, dir_.Path());
        auto line = server_->WaitForStdoutLine("is running at", seconds(30));
        std::smatch match;
        ASSERT_TRUE(line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))")))
            << server_->Stderr();
        base_url_ = "http://127.0.0.1:" + match[1].str();
    }

    void TearDown() override {
        if (server_) {
            server_->Signal(SIGTERM);
            EXPECT_EQ(server_->Wait(seconds(30)), 0) << server_->Stderr();
        }
        server_.reset();
        database_.reset();
    }

    const SignedExample& Example(const std::string& event, const std::string& action) {
        if (examples_.empty()) {
            examples_ = SignGitHubExamples(kSecret, {"installation", "installation_repositories"});
        }
        for (const SignedExample& example : examples_) {
            if (example.event == event && example.action == action) {
                return example;
            }
        }
        ADD_FAILURE() << "no " << event << "." << action << " example";
        static const SignedExample kNone;
        return kNone;
    }

    HttpResult Deliver(const SignedExample& example) {
        return HttpRequest("POST", base_url_ + "/api/v1/webhooks/github", example.body,
                           {{"Content-Type", "application/json"},
                            {"X-GitHub-Event", example.event},
                            {"X-GitHub-Delivery", "e2e-" + std::to_string(++deliveries_)},
                            {"X-Hub-Signature-256", example.signature}});
    }

    json::array Events(const std::string& query) {
        HttpResult result = HttpRequest("GET", base_url_ + "/api/v1/events" + query, "",
                                        {{"Authorization", std::string("Bearer ") + kToken}});
        EXPECT_EQ(result.status, 200) << result.body;
        json::value parsed = json::parse(result.body);
        return parsed.is_object() ? parsed.at("events").as_array() : json::array();
    }

    // Waits until no listed event is pending any more; false when the deadline passes first.
    bool WaitUntilSettled(std::size_t count, std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            json::array events = Events("");
            std::size_t settled = 0;
            for (const json::value& event : events) {
                settled += event.at("status") != "pending" ? 1 : 0;
            }
            if (events.size() >= count && settled == events.size()) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

    webhooks::InstallationCoverage Coverage(std::int64_t installation_id) {
        store::DatabaseOptions options;
        options.url = database_url_;
        options.max_connections = 1;
        auto db = store::OpenDatabase(options);
        EXPECT_TRUE(db) << db.error().detail;
        if (!db) {
            return {};
        }
        auto coverage = webhooks::LoadInstallationCoverage(**db, installation_id);
        EXPECT_TRUE(coverage && *coverage)
            << "installation " << installation_id << " was not recorded";
        return coverage && *coverage ? **coverage : webhooks::InstallationCoverage{};
    }

    TempDir dir_;
    std::unique_ptr<TestDatabase> database_;
    std::string database_url_;
    std::unique_ptr<ChildProcess> server_;
    std::string base_url_;
    std::vector<SignedExample> examples_;
    int deliveries_ = 0;
};

TEST_P(InstallationSyncE2eTest, RecordsWhichRepositoriesEachInstallationCovers) {
    for (const auto& [event, action] : std::vector<std::pair<std::string, std::string>>{
             {"installation", "created"},
             {"installation_repositories", "added"},
             {"installation_repositories", "removed"}}) {
        HttpResult accepted = Deliver(Example(event, action));
        ASSERT_EQ(accepted.status, 202) << event << "." << action << ": " << accepted.body;
        EXPECT_NE(accepted.body.find("\"job\":\"sync_installation\""), std::string::npos)
            << accepted.body;
    }
    ASSERT_TRUE(WaitUntilSettled(3, seconds(30))) << server_->Stderr();

    for (const json::value& event : Events("")) {
        EXPECT_EQ(event.at("status"), "completed") << json::serialize(event);
        EXPECT_EQ(event.at("job").at("kind"), "sync_installation");
        EXPECT_EQ(event.at("job").at("status"), "succeeded") << json::serialize(event);
        EXPECT_EQ(event.at("job").at("attempts").as_int64(), 1);
    }
    EXPECT_EQ(Events("?type=installation_repositories").size(), 2u);

    webhooks::InstallationCoverage codertocat = Coverage(957387);
    EXPECT_EQ(codertocat.status, "active");
    EXPECT_EQ(codertocat.account_login, "Codertocat");
    EXPECT_EQ(codertocat.CoveredNames(),
              (std::vector<std::string>{"Codertocat/Hello-World", "Codertocat/Space"}));
    webhooks::InstallationCoverage octocat = Coverage(2);
    EXPECT_TRUE(octocat.CoveredNames().empty()) << "octocat/Hello-World was removed";
    ASSERT_EQ(octocat.repositories.size(), 1u);
    EXPECT_EQ(octocat.repositories[0].full_name, "octocat/Hello-World");
    EXPECT_TRUE(octocat.repositories[0].removed_at_ms.has_value());
}

TEST_P(InstallationSyncE2eTest, RecordsSuspensionsAndUninstalls) {
    ASSERT_EQ(Deliver(Example("installation", "created")).status, 202);
    ASSERT_TRUE(WaitUntilSettled(1, seconds(30))) << server_->Stderr();
    ASSERT_EQ(Coverage(957387).CoveredNames().size(), 1u);
    ASSERT_EQ(Deliver(Example("installation", "suspend")).status, 202);
    ASSERT_TRUE(WaitUntilSettled(2, seconds(30))) << server_->Stderr();
    EXPECT_EQ(Coverage(16598467).status, "suspended");

    ASSERT_EQ(Deliver(Example("installation", "deleted")).status, 202);
    ASSERT_TRUE(WaitUntilSettled(3, seconds(30))) << server_->Stderr();
    webhooks::InstallationCoverage deleted = Coverage(2);
    EXPECT_EQ(deleted.status, "deleted");
    EXPECT_TRUE(deleted.CoveredNames().empty());
}

// After its first 128 deliveries the server trains a payload dictionary in the background and
// compresses later payloads with it; the sync job of a delivery stored that way reads it back.
TEST_P(InstallationSyncE2eTest, ADeliveryCompressedWithTheTrainedDictionaryIsApplied) {
    // Events Nectr stores without a job: the samples, 165 payloads.
    const std::vector<SignedExample> samples = SignGitHubExamples(
        kSecret, {"issues", "discussion", "repository", "release", "project_card", "check_suite",
                  "check_run", "workflow_job", "projects_v2_item", "team", "label",
                  "code_scanning_alert", "workflow_run", "organization", "milestone", "membership",
                  "create", "commit_comment", "branch_protection_rule"});
    ASSERT_GE(samples.size(), 128u);
    for (const SignedExample& sample : samples) {
        // 200: the package has a few examples twice (a duplicate, still a sample).
        const int status = Deliver(sample).status;
        ASSERT_TRUE(status == 202 || status == 200) << sample.event << "." << sample.action;
    }
    store::DatabaseOptions options;
    options.url = database_url_;
    options.max_connections = 1;
    auto db = store::OpenDatabase(options);
    ASSERT_TRUE(db) << db.error().detail;
    static constexpr std::string_view kDictionaries = "SELECT COUNT(*) FROM payload_dictionaries";
    auto dictionaries = [&db] {
        auto rows =
            store::Execute(**db, store::Query{"test.dictionaries", kDictionaries, kDictionaries});
        return rows ? store::AsInt(rows->rows.front().front()).value_or(0) : 0;
    };
    const auto deadline = std::chrono::steady_clock::now() + seconds(30);
    while (dictionaries() == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(dictionaries(), 1) << server_->Stderr();

    HttpResult accepted = Deliver(Example("installation", "created"));
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_TRUE(WaitUntilSettled(1, seconds(30))) << server_->Stderr();
    json::array installations = Events("?type=installation");
    ASSERT_EQ(installations.size(), 1u);
    EXPECT_EQ(installations[0].at("status"), "completed") << json::serialize(installations[0]);
    EXPECT_EQ(installations[0].at("job").at("status"), "succeeded");
    static constexpr std::string_view kEncoding =
        "SELECT payload_encoding FROM events WHERE event_type = 'installation'";
    auto encoding = store::Execute(**db, store::Query{"test.encoding", kEncoding, kEncoding});
    ASSERT_TRUE(encoding) << encoding.error().detail;
    EXPECT_EQ(store::AsText(encoding->rows.front().front()), "zstd-dict");
    EXPECT_EQ(Coverage(957387).CoveredNames(), std::vector<std::string>{"Codertocat/Hello-World"});
}

INSTANTIATE_TEST_SUITE_P(Engines, InstallationSyncE2eTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
