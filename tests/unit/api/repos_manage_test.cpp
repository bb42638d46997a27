// POST .../rescan and PUT .../settings over loopback, on both engines: a scan is queued once,
// settings are checked and stored, and neither reaches a repository the caller has not
// connected. Also the settings parser on its own.
#include "api/repos_manage.hpp"

#include <gtest/gtest.h>

#include "api/repos_install.hpp"
#include "queue/job_store.hpp"
#include "repos_fixture.hpp"

namespace nectr::api::repos_testing {
namespace {

using store::Engine;

class RepoManageTest : public RepoApiTest {
protected:
    nectr::testing::HttpResult Rescan(const TestUser& user, const std::string& repo) {
        return Send("POST", "/api/v1/repos/" + repo + "/rescan", &user);
    }

    nectr::testing::HttpResult PutSettings(const TestUser& user, const std::string& repo,
                                           const std::string& body) {
        return Send("PUT", "/api/v1/repos/" + repo + "/settings", &user, body);
    }

    // A worker takes the queued scan and finishes it.
    void RunQueuedScan() {
        queue::JobQueue queue(*db, system_clock);
        auto job = queue.Claim("test-worker", "scan_repository");
        ASSERT_TRUE(job) << job.error().detail;
        ASSERT_TRUE(*job) << "a scan should have been queued";
        auto completed = queue.Complete((*job)->id, "test-worker");
        ASSERT_TRUE(completed) << completed.error().detail;
    }
};

TEST_P(RepoManageTest, RescanQueuesAScanOnceWhileItWaits) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    RunQueuedScan();
    const int woken = notified.load();

    auto first = Rescan(alice, kWidgets);
    ASSERT_EQ(first.status, 202) << first.body;
    json::object queued = JsonOf(first);
    EXPECT_EQ(queued["already_queued"], false);
    EXPECT_EQ(queued["repository"], kWidgets);
    EXPECT_EQ(notified.load(), woken + 1);
    store::Rows jobs = Select(
        "SELECT payload FROM jobs WHERE id = $1 AND kind = 'scan_repository' AND state = 'queued'",
        {queued["job_id"].as_int64()});
    ASSERT_EQ(jobs.size(), 1U) << "the answer must name the queued scan";
    EXPECT_EQ(json::parse(store::AsText(jobs.rows[0][0]).value_or("")).as_object()["repository"],
              kWidgets);

    auto second = Rescan(alice, kWidgets);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(JsonOf(second)["job_id"], queued["job_id"]) << "the waiting scan is returned";
    EXPECT_EQ(JsonOf(second)["already_queued"], true);
    EXPECT_EQ(ScanJobs(kWidgets), 2) << "the first scan, and one rescan";
    EXPECT_EQ(notified.load(), woken + 1);
}

TEST_P(RepoManageTest, RescanSubscribesTheHookToEveryEventNectrReads) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    RunQueuedScan();
    const std::string hook = HooksPath(kWidgets) + "/" + std::to_string(kPrismHookId);

    auto rescan = Rescan(alice, kWidgets);
    ASSERT_EQ(rescan.status, 202) << rescan.body;
    EXPECT_EQ(JsonOf(rescan)["webhook_events"], "updated");
    auto patches = stand_in->ExchangesOf("PATCH", hook);
    ASSERT_EQ(patches.size(), 1U);
    EXPECT_EQ(patches[0].token, alice.token);
    json::object body = json::parse(patches[0].body).as_object();
    EXPECT_FALSE(body.contains("config")) << "the hook's URL and secret stay as they are";
    json::array wanted;
    for (const char* event : kWebhookEvents) {
        wanted.emplace_back(event);
    }
    EXPECT_EQ(body["add_events"], wanted);
    stand_in->ExpectEveryRequestValid();
}

TEST_P(RepoManageTest, RescanStillQueuesTheScanWhenGitHubRefusesTheHookUpdate) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    RunQueuedScan();
    stand_in->SetAnswer("PATCH", HooksPath(kWidgets) + "/" + std::to_string(kPrismHookId), 404,
                        R"({"message":"Not Found"})");

    auto rescan = Rescan(alice, kWidgets);
    ASSERT_EQ(rescan.status, 202) << rescan.body;
    const std::string events = json::value_to<std::string>(JsonOf(rescan)["webhook_events"]);
    EXPECT_EQ(events.rfind("not updated: ", 0), 0U) << events;
    EXPECT_EQ(ScanJobs(kWidgets), 2) << "the scan is queued all the same";
}

TEST_P(RepoManageTest, RescanOfARepositoryTheCallerHasNotConnectedIsNotFound) {
    ASSERT_EQ(Install(bob, kWidgets).status, 201);
    InsertInstallation(alice, kTools, false);
    const std::int64_t jobs = ScanJobs(kWidgets);

    EXPECT_EQ(Rescan(alice, kWidgets).status, 404) << "bob's connection is not alice's";
    EXPECT_EQ(Rescan(alice, kTools).status, 404) << "a disconnected repository";
    EXPECT_EQ(Rescan(alice, "acme/never").status, 404);
    EXPECT_EQ(ScanJobs(kWidgets), jobs);
    EXPECT_EQ(ScanJobs(kTools), 0);
}

TEST_P(RepoManageTest, SettingsStoreTheLimitAndNullClearsIt) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto set = PutSettings(alice, kWidgets, R"({"max_concurrent_reviews": 8})");
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(JsonOf(set), (json::object{{"repository", kWidgets}, {"max_concurrent_reviews", 8}}));
    EXPECT_EQ(InstallationOf(alice, kWidgets)->max_concurrent_reviews, 8);

    auto cleared = PutSettings(alice, kWidgets, R"({"max_concurrent_reviews": null})");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(JsonOf(cleared)["max_concurrent_reviews"].is_null());
    EXPECT_FALSE(InstallationOf(alice, kWidgets)->max_concurrent_reviews);
}

TEST_P(RepoManageTest, SettingsRefuseWhatIsNotALimitAndKeepTheStoredOne) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    ASSERT_EQ(PutSettings(alice, kWidgets, R"({"max_concurrent_reviews": 4})").status, 200);
    for (const char* body :
         {R"({"max_concurrent_reviews": 0})", R"({"max_concurrent_reviews": 65})",
          R"({"max_concurrent_reviews": -1})", R"({"max_concurrent_reviews": "4"})",
          R"({"max_concurrent_reviews": 2.5})",
          R"({"max_concurrent_reviews": 4, "review_drafts": true})", R"({})", R"([4])", "four"}) {
        auto result = PutSettings(alice, kWidgets, body);
        EXPECT_EQ(result.status, 400) << body << ": " << result.body;
        EXPECT_NE(ErrorMessage(result).find("max_concurrent_reviews"), std::string::npos)
            << "the message must say what is expected: " << result.body;
    }
    EXPECT_EQ(InstallationOf(alice, kWidgets)->max_concurrent_reviews, 4);
}

TEST_P(RepoManageTest, SettingsOfARepositoryTheCallerHasNotConnectedAreNotFound) {
    ASSERT_EQ(Install(bob, kWidgets).status, 201);
    auto result = PutSettings(alice, kWidgets, R"({"max_concurrent_reviews": 2})");
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_FALSE(InstallationOf(bob, kWidgets)->max_concurrent_reviews)
        << "alice must not change bob's installation";
}

INSTANTIATE_TEST_SUITE_P(Engines, RepoManageTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

TEST(ParseRepoSettingsTest, AcceptsTheBoundsAndNull) {
    EXPECT_EQ(*ParseRepoSettings(R"({"max_concurrent_reviews": 1})"), 1);
    EXPECT_EQ(*ParseRepoSettings(R"({"max_concurrent_reviews": 64})"), 64);
    auto unlimited = ParseRepoSettings(R"({"max_concurrent_reviews": null})");
    ASSERT_TRUE(unlimited);
    EXPECT_FALSE(*unlimited);
}

TEST(ParseRepoSettingsTest, RefusesAnUnknownSettingByName) {
    auto parsed = ParseRepoSettings(R"({"max_concurrent_reviews": 2, "colour": "blue"})");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(parsed.error().detail.find("colour"), std::string::npos) << parsed.error().detail;
}

TEST(ParseRepoSettingsTest, RefusesANumberBeyondInt64) {
    EXPECT_FALSE(ParseRepoSettings(R"({"max_concurrent_reviews": 18446744073709551615})"));
}

}  // namespace
}  // namespace nectr::api::repos_testing
