// Indexing a pull request from GitHub: the conversion of GitHub's answers, and the whole
// fetch-and-write against Prism serving GitHub's OpenAPI description (scripts/test.sh starts
// it and exports NECTR_TEST_GITHUB_API_URL).
#include "graph/github_index.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "github/client.hpp"
#include "graph_test_support.hpp"
#include "unit/github/github_test_support.hpp"

namespace nectr::graph::test {
namespace {

constexpr const char* kPrismUrlVariable = "NECTR_TEST_GITHUB_API_URL";

github::PullRequest Pull(std::string state, bool merged, std::string merged_at) {
    github::PullRequest pull;
    pull.number = 5;
    pull.state = std::move(state);
    pull.merged = merged;
    pull.merged_at = std::move(merged_at);
    pull.user.login = "Octocat";
    pull.created_at = "2024-03-01T00:00:00Z";
    return pull;
}

TEST(GraphFactsFromGitHubTest, TellsMergedFromClosedAndSkipsPendingReviews) {
    github::ChangedFile file;
    file.filename = "src/new.cpp";
    file.previous_filename = "src/old.cpp";
    file.status = "renamed";
    file.additions = 3;
    github::Commit commit;
    commit.message = "Fixes #4";
    github::Review pending;
    pending.user_login = "hubot";
    pending.state = "PENDING";
    github::Review approved;
    approved.user_login = "mona";
    approved.state = "APPROVED";
    approved.submitted_at = "2024-03-02T00:00:00Z";

    const PullRequestFacts merged =
        FactsFromGitHub(Pull("closed", true, "2024-03-03T00:00:00Z"), {file}, {commit},
                        {pending, approved}, "APPROVE");
    EXPECT_EQ(merged.state, "merged");
    EXPECT_EQ(merged.merged_at_ms, 1'709'424'000'000);
    EXPECT_EQ(merged.created_at_ms, 1'709'251'200'000);
    ASSERT_EQ(merged.files.size(), 1U);
    EXPECT_EQ(merged.files[0].previous_path, "src/old.cpp");
    EXPECT_EQ(merged.files[0].change_kind, "renamed");
    EXPECT_EQ(merged.commit_messages, (std::vector<std::string>{"Fixes #4"}));
    ASSERT_EQ(merged.reviewers.size(), 1U) << "a pending review is no review yet";
    EXPECT_EQ(merged.reviewers[0].login, "mona");
    EXPECT_EQ(merged.reviewers[0].reviewed_at_ms, 1'709'337'600'000);
    EXPECT_EQ(merged.verdict, "APPROVE");

    EXPECT_EQ(FactsFromGitHub(Pull("closed", false, ""), {}, {}, {}, {}).state, "closed");
    const PullRequestFacts open =
        FactsFromGitHub(Pull("open", false, "2024-03-03T00:00:00Z"), {}, {}, {}, {});
    EXPECT_EQ(open.state, "open");
    EXPECT_FALSE(open.merged_at_ms.has_value());
}

class GraphGitHubIndexTest : public GraphEngineTest {
protected:
    void SetUp() override {
        GraphEngineTest::SetUp();
        const char* url = std::getenv(kPrismUrlVariable);
        if (url == nullptr || *url == '\0') {
            GTEST_FAIL() << kPrismUrlVariable
                         << " is not set: run scripts/test.sh, which starts Prism";
        }
        github::ClientOptions options;
        options.api_url = url;
        options.sleeper = sleeper.AsSleeper();
        options.max_attempts = 1;
        options.max_pages = 3;
        client = std::make_unique<github::GitHubClient>(
            *http_client,
            github::MakeTokenCredentials(github::TokenKind::kPersonalAccessToken, "ghp_test"),
            std::move(options), clock);
    }

    core::Result<IndexedPullRequest> IndexFromGitHub(std::string repo, int number) {
        return github::RunBlocking<IndexedPullRequest>([&] {
            return IndexPullRequestFromGitHub(*client, pool, Db(), repo, number, "APPROVE", kNowMs);
        });
    }

    github::testing::FakeClock clock;
    github::testing::RecordingSleeper sleeper{clock};
    std::unique_ptr<http::Client> http_client = http::MakeCurlClient({});
    std::unique_ptr<github::GitHubClient> client;
    core::BlockingPool pool{1};
};

TEST_P(GraphGitHubIndexTest, FetchesAPullRequestWithItsFilesCommitsAndReviews) {
    auto indexed = IndexFromGitHub("octocat/Hello-World", 1347);

    ASSERT_TRUE(indexed) << indexed.error().detail;
    const store::Value pr[] = {indexed->pull_request_id};
    store::Rows row = Query(
        "SELECT p.number, p.title, p.state, p.author_login, p.head_sha, r.full_name "
        "FROM pull_requests p JOIN repositories r ON r.id = p.repository_id WHERE p.id = $1",
        pr);
    ASSERT_EQ(row.size(), 1U);
    EXPECT_EQ(store::AsInt(row.rows[0][0]), 1347);
    EXPECT_EQ(store::AsText(row.rows[0][1]), "Amazing new feature");
    EXPECT_EQ(store::AsText(row.rows[0][2]), "open");
    EXPECT_EQ(store::AsText(row.rows[0][3]), "octocat");
    EXPECT_EQ(store::AsText(row.rows[0][4]), "6dcb09b5b57875f334f61aebed695e2e4193db5e");
    EXPECT_EQ(store::AsText(row.rows[0][5]), "octocat/Hello-World");
    store::Rows files = Query(
        "SELECT path, additions, deletions, change_kind FROM pr_files WHERE pull_request_id = $1",
        pr);
    ASSERT_EQ(files.size(), 1U);
    EXPECT_EQ(store::AsText(files.rows[0][0]), "file1.txt");
    EXPECT_EQ(store::AsInt(files.rows[0][1]), 103);
    EXPECT_EQ(store::AsInt(files.rows[0][2]), 21);
    EXPECT_EQ(store::AsText(files.rows[0][3]), "added");
    store::Rows reviews = Query(
        "SELECT reviewer_login, verdict FROM pr_reviews WHERE pull_request_id = $1 "
        "ORDER BY reviewer_login",
        pr);
    ASSERT_EQ(reviews.size(), 2U);
    EXPECT_EQ(store::AsText(reviews.rows[0][0]), "nectr");
    EXPECT_EQ(store::AsText(reviews.rows[0][1]), "APPROVE");
    EXPECT_EQ(store::AsText(reviews.rows[1][0]), "octocat");
    EXPECT_EQ(store::AsText(reviews.rows[1][1]), "APPROVED");
}

TEST_P(GraphGitHubIndexTest, RefusesARepositoryNameWithoutOwner) {
    auto indexed = IndexFromGitHub("Hello-World", 1);
    ASSERT_FALSE(indexed);
    EXPECT_EQ(indexed.error().code, core::Errc::kInvalidInput);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM pull_requests"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, GraphGitHubIndexTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::graph::test
