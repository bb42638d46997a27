// POST /api/v1/repos/{owner}/{repo}/install over loopback, on both engines, against GitHub's
// API description served by Prism: the hook Nectr creates, shares or takes over, what it
// stores, the scan it queues, and the answers when GitHub refuses or fails.
#include <gtest/gtest.h>

#include "repos_fixture.hpp"

namespace nectr::api::repos_testing {
namespace {

using store::Engine;

json::object BodyOf(const GitHubExchange& exchange) {
    boost::system::error_code ec;
    json::value parsed = json::parse(exchange.body, ec);
    return !ec && parsed.is_object() ? parsed.as_object() : json::object();
}

class RepoInstallTest : public RepoApiTest {};

TEST_P(RepoInstallTest, ConnectingCreatesTheHookStoresTheSealedSecretAndQueuesAScan) {
    auto result = Install(alice, kWidgets);
    ASSERT_EQ(result.status, 201) << result.body;

    auto stored = InstallationOf(alice, kWidgets);
    ASSERT_TRUE(stored) << "connecting must store an installation";
    EXPECT_TRUE(stored->active);
    EXPECT_EQ(stored->github_repo_id, kWidgetsId);
    EXPECT_EQ(stored->webhook_id, kPrismHookId) << "the id GitHub gave the new hook";
    EXPECT_EQ(stored->installed_at, kNowMs);
    ASSERT_TRUE(stored->webhook_secret);
    ASSERT_TRUE(stored->webhook_secret->starts_with(kSealPrefix))
        << "the secret must be stored sealed, never raw";
    const std::string secret = stored->webhook_secret->substr(std::string(kSealPrefix).size());
    EXPECT_EQ(secret.size(), 64U) << "32 random bytes in hex";
    EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos);

    auto created = stand_in->ExchangesOf("POST", HooksPath(kWidgets));
    ASSERT_EQ(created.size(), 1U);
    EXPECT_EQ(created[0].token, alice.token) << "the hook is created with the caller's token";
    json::object hook = BodyOf(created[0]);
    json::object config = hook["config"].as_object();
    EXPECT_EQ(config["url"], kWebhookUrl);
    EXPECT_EQ(config["secret"], json::value(secret))
        << "GitHub must sign with the secret that was stored";
    EXPECT_EQ(config["content_type"], "json");
    EXPECT_EQ(hook["events"], (json::array{"pull_request", "issue_comment",
                                           "pull_request_review_comment", "push"}));
    EXPECT_EQ(hook["active"], true);
    stand_in->ExpectEveryRequestValid();

    json::object body = JsonOf(result);
    EXPECT_EQ(body["webhook"], "created");
    json::object installation = body["installation"].as_object();
    EXPECT_EQ(installation["id"], stored->id);
    EXPECT_EQ(installation["repository"], kWidgets);
    EXPECT_EQ(installation["webhook_id"], kPrismHookId);
    EXPECT_EQ(installation["installed_at"], kNow);
    EXPECT_FALSE(installation.contains("webhook_secret")) << "the secret never leaves the store";
    EXPECT_EQ(result.body.find(secret), std::string::npos);

    store::Rows jobs = Select(
        "SELECT id, payload, state, priority FROM jobs WHERE kind = 'scan_repository' "
        "AND repo_full_name = $1",
        {std::string(kWidgets)});
    ASSERT_EQ(jobs.size(), 1U) << "connecting queues the first scan";
    EXPECT_EQ(body["scan_job_id"], store::AsInt(jobs.rows[0][0]).value_or(0));
    EXPECT_EQ(json::parse(store::AsText(jobs.rows[0][1]).value_or("")),
              (json::object{{"repository", kWidgets}, {"installation_id", stored->id}}));
    EXPECT_EQ(store::AsText(jobs.rows[0][2]), "queued");
    EXPECT_EQ(notified.load(), 1) << "the workers must be woken for the new job";
}

TEST_P(RepoInstallTest, ConnectingAgainAnswersWithTheSameInstallationAndNoSecondHook) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto first = InstallationOf(alice, kWidgets);

    auto again = Send("POST", "/api/v1/repos/ACME/Widgets/install", &alice);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(JsonOf(again)["installation"].as_object()["id"], first->id);
    EXPECT_EQ(stand_in->ExchangesOf("POST", HooksPath(kWidgets)).size(), 1U);
    EXPECT_EQ(ScanJobs(kWidgets), 1);
    EXPECT_EQ(notified.load(), 1);
    EXPECT_EQ(InstallationOf(alice, kWidgets)->webhook_secret, first->webhook_secret)
        << "an idempotent call must not change the secret";
}

TEST_P(RepoInstallTest, ASecondUserSharesTheHookAndSecretOfTheFirst) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto result = Install(bob, kWidgets);
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(JsonOf(result)["webhook"], "shared");

    EXPECT_EQ(stand_in->ExchangesOf("POST", HooksPath(kWidgets)).size(), 1U)
        << "GitHub must not get a second hook for the same URL";
    auto alices = InstallationOf(alice, kWidgets);
    auto bobs = InstallationOf(bob, kWidgets);
    ASSERT_TRUE(bobs);
    EXPECT_TRUE(bobs->active);
    EXPECT_NE(bobs->id, alices->id);
    EXPECT_EQ(bobs->webhook_id, alices->webhook_id);
    EXPECT_EQ(bobs->webhook_secret, alices->webhook_secret);
    EXPECT_EQ(ScanJobs(kWidgets), 1) << "the scan queued for alice covers bob too";
    stand_in->ExpectEveryRequestValid();
}

TEST_P(RepoInstallTest, RefusesARepositoryTheCallerCannotAdminister) {
    auto result = Install(alice, kGadgets);
    EXPECT_EQ(result.status, 403) << result.body;
    EXPECT_NE(ErrorMessage(result).find("admin"), std::string::npos) << result.body;
    EXPECT_TRUE(stand_in->ExchangesOf("POST", HooksPath(kGadgets)).empty());
    EXPECT_FALSE(InstallationOf(alice, kGadgets));
    EXPECT_EQ(ScanJobs(kGadgets), 0);
}

TEST_P(RepoInstallTest, ARepositoryGitHubDoesNotShowTheCallerIsNotFound) {
    ASSERT_EQ(Install(bob, kTools).status, 201);
    auto bobs = InstallationOf(bob, kTools);

    auto result = Install(alice, kTools);
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_FALSE(InstallationOf(alice, kTools));
    EXPECT_EQ(stand_in->ExchangesOf("POST", HooksPath(kTools)).size(), 1U);
    auto after = InstallationOf(bob, kTools);
    EXPECT_TRUE(after->active);
    EXPECT_EQ(after->webhook_secret, bobs->webhook_secret);
}

TEST_P(RepoInstallTest, TakesOverTheLeftoverHookWhenGitHubSaysItExists) {
    stand_in->SetAnswer("POST", HooksPath(kWidgets), 422,
                        R"({"message":"Validation Failed","errors":[{"resource":"Hook",)"
                        R"("code":"custom","message":"Hook already exists on this repository"}]})");
    // Prism's example hook, twice: one of another service, and Nectr's own left from before.
    stand_in->SetScript("GET", HooksPath(kWidgets), [](const std::string& prism_body) {
        json::object example = json::parse(prism_body).as_array()[0].as_object();
        json::object ours = example;
        ours["id"] = 777;
        ours["config"].as_object()["url"] = kWebhookUrl;
        example["id"] = 778;
        example["config"].as_object()["url"] = "https://ci.example.com/hook";
        return http::Response::Json(200, json::serialize(json::array{example, ours}));
    });

    auto result = Install(alice, kWidgets);
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(JsonOf(result)["webhook"], "adopted");
    auto stored = InstallationOf(alice, kWidgets);
    EXPECT_EQ(stored->webhook_id, 777);

    auto updated = stand_in->ExchangesOf("PATCH", HooksPath(kWidgets) + "/777");
    ASSERT_EQ(updated.size(), 1U) << "the leftover hook must get the new secret";
    json::object config = BodyOf(updated[0])["config"].as_object();
    EXPECT_EQ("sealed:" + json::value_to<std::string>(config["secret"]), stored->webhook_secret);
    EXPECT_EQ(config["url"], kWebhookUrl);
    EXPECT_TRUE(stand_in->ExchangesOf("PATCH", HooksPath(kWidgets) + "/778").empty())
        << "another service's hook must stay as it is";
    EXPECT_EQ(ScanJobs(kWidgets), 1);
    stand_in->ExpectEveryRequestValid();
}

TEST_P(RepoInstallTest, AnotherRefusalOfTheHookIsABadGateway) {
    stand_in->SetAnswer("POST", HooksPath(kWidgets), 422,
                        R"({"message":"Validation Failed","errors":[{"resource":"Hook",)"
                        R"("code":"custom","message":"The hook limit has been reached"}]})");
    auto result = Install(alice, kWidgets);
    EXPECT_EQ(result.status, 502) << result.body;
    EXPECT_NE(ErrorMessage(result).find("Validation Failed"), std::string::npos)
        << "GitHub's reason must reach the user: " << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets));
    EXPECT_TRUE(
        stand_in->ExchangesOf("PATCH", HooksPath(kWidgets) + "/" + std::to_string(kPrismHookId))
            .empty());
}

TEST_P(RepoInstallTest, GitHubRefusingTheHookIsForbidden) {
    stand_in->SetAnswer("POST", HooksPath(kWidgets), 403,
                        R"({"message":"Must have admin rights to Repository."})");
    auto result = Install(alice, kWidgets);
    EXPECT_EQ(result.status, 403) << result.body;
    EXPECT_NE(ErrorMessage(result).find("admin"), std::string::npos) << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets));
}

TEST_P(RepoInstallTest, ARepositoryGoneWhenHookingIsNotFound) {
    stand_in->SetAnswer("POST", HooksPath(kWidgets), 404, R"({"message":"Not Found"})");
    auto result = Install(alice, kWidgets);
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_NE(ErrorMessage(result).find("did not find acme/widgets"), std::string::npos)
        << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets));
}

TEST_P(RepoInstallTest, AGitHubOutageIsABadGatewayAndStoresNothing) {
    stand_in->SetAnswer("POST", HooksPath(kWidgets), 502, R"({"message":"Server Error"})");
    auto result = Install(alice, kWidgets);
    EXPECT_EQ(result.status, 502) << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets));
    EXPECT_EQ(ScanJobs(kWidgets), 0);
    EXPECT_EQ(notified.load(), 0);
}

TEST_P(RepoInstallTest, AHookCreatedForAConnectionThatCouldNotBeStoredIsRemovedAgain) {
    // The store refuses every new installation, after the hook exists on GitHub.
    const char* refuse_inserts =
        GetParam() == Engine::kSqlite
            ? "CREATE TRIGGER refuse BEFORE INSERT ON installations "
              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
            : "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
              "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; "
              "CREATE TRIGGER refuse BEFORE INSERT ON installations "
              "FOR EACH ROW EXECUTE FUNCTION refuse();";
    {
        auto connection = db->Acquire();
        ASSERT_TRUE(connection) << connection.error().detail;
        auto refused = (*connection)->ExecuteScript(refuse_inserts);
        ASSERT_TRUE(refused) << refused.error().detail;
    }  // the connection goes back to the pool

    auto result = Install(alice, kWidgets);
    EXPECT_GE(result.status, 400) << result.body;
    EXPECT_EQ(stand_in->ExchangesOf("POST", HooksPath(kWidgets)).size(), 1U);
    const std::string hook = HooksPath(kWidgets) + "/" + std::to_string(kPrismHookId);
    EXPECT_EQ(stand_in->ExchangesOf("DELETE", hook).size(), 1U)
        << "a hook whose connection was not stored must not stay on GitHub";
    EXPECT_FALSE(InstallationOf(alice, kWidgets));
    EXPECT_EQ(ScanJobs(kWidgets), 0);
    EXPECT_EQ(notified.load(), 0);
}

TEST_P(RepoInstallTest, AUserWithoutAGitHubTokenIsAskedToSignInAgain) {
    auto result = Install(carol, kWidgets);
    EXPECT_EQ(result.status, 401) << result.body;
    EXPECT_TRUE(stand_in->Exchanges().empty());
}

TEST_P(RepoInstallTest, ReconnectingReactivatesTheRowWithANewHookAndKeepsItsSettings) {
    InsertInstallation(alice, kWidgets, false);
    Select("UPDATE installations SET max_concurrent_reviews = 3 WHERE user_id = $1", {alice.id});
    auto before = InstallationOf(alice, kWidgets);

    auto result = Install(alice, kWidgets);
    ASSERT_EQ(result.status, 201) << result.body;
    auto after = InstallationOf(alice, kWidgets);
    EXPECT_EQ(after->id, before->id);
    EXPECT_TRUE(after->active);
    EXPECT_EQ(after->webhook_id, kPrismHookId);
    EXPECT_NE(after->webhook_secret, before->webhook_secret);
    EXPECT_EQ(after->max_concurrent_reviews, 3);
}

TEST_P(RepoInstallTest, RefusesANameGitHubWouldNotAllow) {
    auto result = Send("POST", "/api/v1/repos/acme/wid%20gets/install", &alice);
    EXPECT_EQ(result.status, 400) << result.body;
    EXPECT_TRUE(stand_in->Exchanges().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, RepoInstallTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::repos_testing
