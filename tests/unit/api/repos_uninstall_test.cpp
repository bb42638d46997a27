// DELETE /api/v1/repos/{owner}/{repo}/install over loopback, on both engines, against GitHub's
// API description served by Prism: the hook goes when nobody else receives through it, the
// installation forgets its secret, and purge deletes the repository's data only when nobody
// else has it connected.
#include <gtest/gtest.h>

#include "repos_fixture.hpp"

namespace nectr::api::repos_testing {
namespace {

using store::Engine;

const std::string kHookPath = "/repos/acme/widgets/hooks/" + std::to_string(kPrismHookId);

class RepoUninstallTest : public RepoApiTest {
protected:
    // A webhook event and a review with a comment and a model call, of `repo`.
    void AddReviewData(const std::string& repo) {
        Select(
            "INSERT INTO events (event_type, action, repo_full_name, status, created_at) "
            "VALUES ('pull_request', 'opened', $1, 'completed', $2)",
            {repo, kNowMs});
        store::Rows review = Select(
            "INSERT INTO reviews (repo_full_name, pr_number, head_sha, status, created_at) "
            "VALUES ($1, 7, 'abc', 'posted', $2) RETURNING id",
            {repo, kNowMs});
        const std::int64_t review_id = store::AsInt(review.rows.at(0).at(0)).value_or(0);
        Select(
            "INSERT INTO review_comments (review_id, path, line, severity, body, created_at) "
            "VALUES ($1, 'a.c', 3, 'warning', 'careful', $2)",
            {review_id, kNowMs});
        Select(
            "INSERT INTO llm_calls (review_id, provider, model, created_at) "
            "VALUES ($1, 'anthropic', 'a-model', $2)",
            {review_id, kNowMs});
        Select(
            "INSERT INTO memories (repo_full_name, scope, type, content, normalized, source, "
            "confidence, created_at, updated_at) VALUES ($1, 'repository', 'convention', "
            "'Use tabs', 'use tabs', 'manual', 0.9, $2, $2)",
            {repo, kNowMs});
        Select(
            "INSERT INTO repository_scans (repo_full_name, state, commit_sha, files, updated_at) "
            "VALUES ($1, 'done', 'abc', 3, $2) ON CONFLICT (repo_full_name) DO UPDATE SET "
            "state = 'done'",
            {repo, kNowMs});
        AddCodeData(repo);
    }

    // The repository's code index and knowledge graph: a file with a chunk, a pull request.
    void AddCodeData(const std::string& repo) {
        store::Rows repository = Select(
            "INSERT INTO repositories (full_name, created_at, updated_at) VALUES ($1, $2, $2) "
            "RETURNING id",
            {repo, kNowMs});
        const std::int64_t repository_id = store::AsInt(repository.rows.at(0).at(0)).value_or(0);
        store::Rows file = Select(
            "INSERT INTO files (repository_id, path, updated_at) VALUES ($1, 'src/a.c', $2) "
            "RETURNING id",
            {repository_id, kNowMs});
        Select(
            "INSERT INTO chunks (file_id, start_line, end_line, kind, content, search_text) "
            "VALUES ($1, 1, 3, 'window', 'int purgeable;', 'int purgeable')",
            {store::AsInt(file.rows.at(0).at(0)).value_or(0)});
        Select(
            "INSERT INTO pull_requests (repository_id, number, state, created_at, updated_at, "
            "indexed_at) VALUES ($1, 7, 'open', $2, $2, $2)",
            {repository_id, kNowMs});
    }

    std::int64_t CodeRowsOf(const std::string& table, const std::string& repo) {
        return Count("SELECT COUNT(*) FROM " + table +
                         " AS t JOIN repositories AS r ON r.id = t.repository_id "
                         "WHERE r.full_name = $1",
                     {repo});
    }

    std::int64_t RowsOf(const std::string& table, const std::string& repo) {
        return Count("SELECT COUNT(*) FROM " + table + " WHERE repo_full_name = $1", {repo});
    }

    std::int64_t RowsOf(const std::string& table) { return Count("SELECT COUNT(*) FROM " + table); }
};

TEST_P(RepoUninstallTest, DisconnectingDeletesTheHookAndForgetsTheSecret) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto result = Uninstall(alice, kWidgets);
    ASSERT_EQ(result.status, 204) << result.body;

    auto deleted = stand_in->ExchangesOf("DELETE", kHookPath);
    ASSERT_EQ(deleted.size(), 1U) << "the hook must be deleted on GitHub";
    EXPECT_EQ(deleted[0].token, alice.token);
    auto stored = InstallationOf(alice, kWidgets);
    EXPECT_FALSE(stored->active);
    EXPECT_FALSE(stored->webhook_secret) << "a disconnected repository keeps no secret";
    EXPECT_TRUE(removed_copies.empty()) << "only a purge deletes the clone";
    stand_in->ExpectEveryRequestValid();

    auto list = Send("GET", "/api/v1/repos", &alice);
    EXPECT_NE(list.body.find(R"("full_name":"acme/widgets")"), std::string::npos);
    EXPECT_EQ(list.body.find(R"("connected":true)"), std::string::npos) << list.body;
}

TEST_P(RepoUninstallTest, AHookAlreadyGoneFromGitHubIsFine) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    stand_in->SetAnswer("DELETE", kHookPath, 404, R"({"message":"Not Found"})");
    auto result = Uninstall(alice, kWidgets);
    EXPECT_EQ(result.status, 204) << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets)->active);
}

TEST_P(RepoUninstallTest, AGitHubOutageLeavesTheRepositoryConnected) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    stand_in->SetAnswer("DELETE", kHookPath, 500, R"({"message":"Server Error"})");
    auto result = Uninstall(alice, kWidgets, "?purge=true");
    EXPECT_EQ(result.status, 502) << result.body;
    auto stored = InstallationOf(alice, kWidgets);
    EXPECT_TRUE(stored->active) << "nothing changes when the hook could not be removed";
    EXPECT_TRUE(stored->webhook_secret);
}

TEST_P(RepoUninstallTest, AHookTheCallerMayNoLongerTouchIsLeftAndTheRepositoryDisconnected) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    stand_in->SetAnswer("DELETE", kHookPath, 403, R"({"message":"Must have admin rights"})");
    auto result = Uninstall(alice, kWidgets);
    EXPECT_EQ(result.status, 204) << result.body;
    EXPECT_FALSE(InstallationOf(alice, kWidgets)->active);
}

TEST_P(RepoUninstallTest, KeepsTheHookWhileAnotherUserReceivesThroughIt) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    ASSERT_EQ(Install(bob, kWidgets).status, 201);

    ASSERT_EQ(Uninstall(alice, kWidgets).status, 204);
    EXPECT_TRUE(stand_in->ExchangesOf("DELETE", kHookPath).empty())
        << "bob still receives through the hook";
    EXPECT_FALSE(InstallationOf(alice, kWidgets)->active);
    auto bobs = InstallationOf(bob, kWidgets);
    EXPECT_TRUE(bobs->active);
    EXPECT_TRUE(bobs->webhook_secret);

    ASSERT_EQ(Uninstall(bob, kWidgets).status, 204);
    EXPECT_EQ(stand_in->ExchangesOf("DELETE", kHookPath).size(), 1U)
        << "the last one out removes the hook";
}

TEST_P(RepoUninstallTest, PurgeDeletesEverythingKeptAboutTheRepository) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    AddReviewData(kWidgets);
    AddReviewData("acme/other");

    auto result = Uninstall(alice, kWidgets, "?purge=true");
    ASSERT_EQ(result.status, 204) << result.body;
    EXPECT_EQ(RowsOf("reviews", kWidgets), 0);
    EXPECT_EQ(RowsOf("events", kWidgets), 0);
    EXPECT_EQ(RowsOf("review_comments"), 1) << "the comment of the deleted review goes with it";
    EXPECT_EQ(RowsOf("llm_calls"), 1) << "the model call of the deleted review goes with it";
    EXPECT_EQ(RowsOf("reviews", "acme/other"), 1) << "another repository's data stays";
    EXPECT_EQ(RowsOf("events", "acme/other"), 1);
    EXPECT_EQ(RowsOf("memories", kWidgets), 0) << "what was learnt about it is forgotten";
    EXPECT_EQ(RowsOf("repository_scans", kWidgets), 0) << "and where its index stood";
    EXPECT_EQ(RowsOf("memories", "acme/other"), 1);
    EXPECT_EQ(RowsOf("repository_scans", "acme/other"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM repositories WHERE full_name = $1", {kWidgets}), 0)
        << "its code index and knowledge graph are gone";
    EXPECT_EQ(RowsOf("chunks"), 1) << "only the other repository's code stays";
    EXPECT_EQ(RowsOf("pull_requests"), 1);
    EXPECT_EQ(CodeRowsOf("files", "acme/other"), 1);
    if (GetParam() == Engine::kSqlite) {
        EXPECT_EQ(Count("SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH 'purgeable'"), 1)
            << "the full-text index forgets the purged chunk";
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE repo_full_name = $1 AND state = 'queued'",
                    {kWidgets}),
              0)
        << "the waiting scan would index it again";
    EXPECT_EQ(removed_copies, std::vector<std::string>{kWidgets}) << "and its clone is deleted";
    EXPECT_FALSE(InstallationOf(alice, kWidgets)->active);
}

TEST_P(RepoUninstallTest, DisconnectingWithoutPurgeKeepsMemoriesAndScanStatus) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    AddReviewData(kWidgets);
    ASSERT_EQ(Uninstall(alice, kWidgets).status, 204);
    EXPECT_EQ(RowsOf("memories", kWidgets), 1);
    EXPECT_EQ(RowsOf("repository_scans", kWidgets), 1);
}

TEST_P(RepoUninstallTest, PurgeIsRefusedWhileAnotherUserHasTheRepositoryConnected) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    ASSERT_EQ(Install(bob, kWidgets).status, 201);
    AddReviewData(kWidgets);

    auto refused = Uninstall(alice, kWidgets, "?purge=true");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(ErrorMessage(refused).find("another user"), std::string::npos) << refused.body;
    EXPECT_TRUE(InstallationOf(alice, kWidgets)->active) << "a refused purge changes nothing";
    EXPECT_EQ(RowsOf("reviews", kWidgets), 1);
    EXPECT_EQ(RowsOf("events", kWidgets), 1);

    ASSERT_EQ(Uninstall(alice, kWidgets).status, 204) << "disconnecting alone still works";
    EXPECT_EQ(RowsOf("reviews", kWidgets), 1);
    EXPECT_TRUE(stand_in->ExchangesOf("DELETE", kHookPath).empty());
}

TEST_P(RepoUninstallTest, ARepositoryTheCallerHasNotConnectedIsNotFound) {
    ASSERT_EQ(Install(bob, kWidgets).status, 201);
    EXPECT_EQ(Uninstall(alice, kWidgets).status, 404);
    EXPECT_EQ(Uninstall(alice, kWidgets, "?purge=true").status, 404);
    EXPECT_TRUE(InstallationOf(bob, kWidgets)->active);
    EXPECT_TRUE(stand_in->ExchangesOf("DELETE", kHookPath).empty());

    ASSERT_EQ(Uninstall(bob, kWidgets).status, 204);
    EXPECT_EQ(Uninstall(bob, kWidgets).status, 404) << "a second disconnect finds nothing";
}

TEST_P(RepoUninstallTest, RefusesAPurgeValueItDoesNotKnow) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto result = Uninstall(alice, kWidgets, "?purge=maybe");
    EXPECT_EQ(result.status, 400) << result.body;
    EXPECT_TRUE(InstallationOf(alice, kWidgets)->active);
}

INSTANTIATE_TEST_SUITE_P(Engines, RepoUninstallTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::repos_testing
