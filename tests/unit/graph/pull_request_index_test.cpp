#include "graph/pull_request_index.hpp"

#include <gtest/gtest.h>

#include "graph/experts.hpp"
#include "graph/related_pull_requests.hpp"
#include "graph/repository.hpp"
#include "graph_test_support.hpp"

namespace nectr::graph::test {
namespace {

constexpr const char* kRepo = "octo/widgets";

PullRequestFacts Facts(int number, std::string author, std::vector<std::string> paths) {
    PullRequestFacts facts;
    facts.number = number;
    facts.title = "Change " + std::to_string(number);
    facts.author = std::move(author);
    facts.head_sha = std::string(40, 'a');
    facts.created_at_ms = kNowMs - 3 * kDayMs;
    facts.updated_at_ms = kNowMs - 2 * kDayMs;
    for (std::string& path : paths) {
        facts.files.push_back(PullRequestFileFacts{std::move(path), "", 4, 1, "modified"});
    }
    return facts;
}

class GraphPullRequestIndexTest : public GraphEngineTest {
protected:
    IndexedPullRequest Index(const PullRequestFacts& facts, std::int64_t now = kNowMs) {
        core::Result<IndexedPullRequest> indexed = IndexPullRequest(Db(), kRepo, facts, now);
        EXPECT_TRUE(indexed) << indexed.error().detail;
        return indexed ? *indexed : IndexedPullRequest();
    }

    std::vector<std::int64_t> Closes(std::int64_t pull_request_id) {
        const store::Value params[] = {pull_request_id};
        store::Rows rows = Query(
            "SELECT issue_number FROM pr_closes WHERE pull_request_id = $1 ORDER BY issue_number",
            params);
        std::vector<std::int64_t> numbers;
        for (const auto& row : rows.rows) {
            numbers.push_back(store::AsInt(row[0]).value_or(-1));
        }
        return numbers;
    }
};

TEST_P(GraphPullRequestIndexTest, WritesThePullRequestItsFilesAuthorAndReviews) {
    PullRequestFacts facts = Facts(7, "Octocat", {"src/a.cpp", "src/b.cpp"});
    facts.files[1].change_kind = "renamed";
    facts.files[1].previous_path = "src/old_b.cpp";
    facts.verdict = "REQUEST_CHANGES";
    facts.reviewers = {{"Hubot", "APPROVED", kNowMs - kDayMs}};

    const IndexedPullRequest indexed = Index(facts);

    const store::Value pr[] = {indexed.pull_request_id};
    store::Rows row = Query(
        "SELECT number, title, state, author_login, verdict, verdict_at, created_at "
        "FROM pull_requests WHERE id = $1",
        pr);
    ASSERT_EQ(row.size(), 1U);
    EXPECT_EQ(store::AsInt(row.rows[0][0]), 7);
    EXPECT_EQ(store::AsText(row.rows[0][2]), "open");
    EXPECT_EQ(store::AsText(row.rows[0][3]), "octocat") << "logins are kept in lower case";
    EXPECT_EQ(store::AsText(row.rows[0][4]), "REQUEST_CHANGES");
    EXPECT_EQ(store::AsInt(row.rows[0][5]), kNowMs);
    EXPECT_EQ(store::AsInt(row.rows[0][6]), kNowMs - 3 * kDayMs);
    store::Rows files = Query(
        "SELECT path, previous_path, change_kind, additions FROM pr_files "
        "WHERE pull_request_id = $1 ORDER BY additions, change_kind",
        pr);
    ASSERT_EQ(files.size(), 2U);
    EXPECT_EQ(store::AsText(files.rows[1][1]), "src/old_b.cpp");
    store::Rows reviews = Query(
        "SELECT reviewer_login, verdict FROM pr_reviews WHERE pull_request_id = $1 "
        "ORDER BY reviewed_at",
        pr);
    ASSERT_EQ(reviews.size(), 2U);
    EXPECT_EQ(store::AsText(reviews.rows[0][0]), "hubot");
    EXPECT_EQ(store::AsText(reviews.rows[1][0]), "nectr");
    EXPECT_EQ(store::AsText(reviews.rows[1][1]), "REQUEST_CHANGES");
    const store::Value repo[] = {indexed.repository_id};
    store::Rows contributed = Query(
        "SELECT d.login, r.pull_request_count, r.review_count FROM developer_repositories r "
        "JOIN developers d ON d.id = r.developer_id WHERE r.repository_id = $1 ORDER BY d.login",
        repo);
    ASSERT_EQ(contributed.size(), 2U);
    EXPECT_EQ(store::AsText(contributed.rows[0][0]), "hubot");
    EXPECT_EQ(store::AsInt(contributed.rows[0][2]), 1);
    EXPECT_EQ(store::AsText(contributed.rows[1][0]), "octocat");
    EXPECT_EQ(store::AsInt(contributed.rows[1][1]), 1);
}

TEST_P(GraphPullRequestIndexTest, ReindexingReplacesFilesAndKeepsAnEarlierVerdict) {
    PullRequestFacts facts = Facts(8, "octocat", {"src/a.cpp", "src/b.cpp"});
    facts.verdict = "APPROVE";
    const IndexedPullRequest first = Index(facts, kNowMs - kDayMs);
    facts.files.pop_back();
    facts.verdict.reset();
    facts.state = "merged";
    facts.merged_at_ms = kNowMs;

    const IndexedPullRequest second = Index(facts);

    EXPECT_EQ(second.pull_request_id, first.pull_request_id);
    const store::Value pr[] = {second.pull_request_id};
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM pr_files WHERE pull_request_id = $1", pr), 1);
    store::Rows row =
        Query("SELECT verdict, verdict_at, state FROM pull_requests WHERE id = $1", pr);
    ASSERT_EQ(row.size(), 1U);
    EXPECT_EQ(store::AsText(row.rows[0][0]), "APPROVE");
    EXPECT_EQ(store::AsInt(row.rows[0][1]), kNowMs - kDayMs);
    EXPECT_EQ(store::AsText(row.rows[0][2]), "merged");
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM pull_requests"), 1);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM developers"), 1);
}

TEST_P(GraphPullRequestIndexTest, RecordsTheIssuesTheBodyAndCommitsClose) {
    PullRequestFacts facts = Facts(9, "octocat", {"src/a.cpp"});
    facts.body = "Fixes #12 and resolves octo/widgets#13; see #14. Closes other/repo#15";
    facts.commit_messages = {"Tidy up\n\ncloses #16", "FIXED: #12"};

    const IndexedPullRequest indexed = Index(facts);

    EXPECT_EQ(indexed.closes, (std::vector<int>{12, 13, 16}));
    EXPECT_EQ(Closes(indexed.pull_request_id), (std::vector<std::int64_t>{12, 13, 16}));
    const store::Value repo[] = {indexed.repository_id};
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM issues WHERE repository_id = $1", repo), 3);

    facts.body = "Fixes #20";
    facts.commit_messages.clear();
    const IndexedPullRequest edited = Index(facts);
    EXPECT_EQ(Closes(edited.pull_request_id), (std::vector<std::int64_t>{20}))
        << "an edited body replaces what the pull request closes";
}

TEST_P(GraphPullRequestIndexTest, RefusesNonsenseFactsWithoutWriting) {
    PullRequestFacts facts = Facts(0, "octocat", {"a"});
    auto zero = IndexPullRequest(Db(), kRepo, facts, kNowMs);
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().code, core::Errc::kInvalidInput);
    facts.number = 3;
    facts.state = "draft";
    auto state = IndexPullRequest(Db(), kRepo, facts, kNowMs);
    ASSERT_FALSE(state);
    EXPECT_EQ(state.error().code, core::Errc::kInvalidInput);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM pull_requests"), 0);
}

TEST_P(GraphPullRequestIndexTest, SharesTheRepositoryRowWithTheCodeIndex) {
    const store::Value existing[] = {std::string(kRepo), kNowMs};
    Query("INSERT INTO repositories (full_name, created_at, updated_at) VALUES ($1, $2, $2)",
          existing);
    const std::int64_t known = QueryInt("SELECT id FROM repositories");
    auto ensured = EnsureRepository(Db(), kRepo, kNowMs);
    ASSERT_TRUE(ensured) << ensured.error().detail;
    EXPECT_EQ(*ensured, known);
    EXPECT_EQ(Index(Facts(1, "a", {"x"})).repository_id, known);
    auto found = FindRepository(Db(), "octo/none");
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->has_value());
    EXPECT_FALSE(EnsureRepository(Db(), "", kNowMs));
}

TEST_P(GraphPullRequestIndexTest, ListsPullRequestsThatTouchedTheSameFiles) {
    const std::int64_t repo = Index(Facts(1, "ann", {"src/a.cpp", "src/b.cpp"})).repository_id;
    PullRequestFacts later = Facts(2, "bob", {"src/a.cpp"});
    later.updated_at_ms = kNowMs - kDayMs;
    later.verdict = "APPROVE";
    Index(later);
    Index(Facts(3, "cy", {"docs/readme.md"}));
    Index(Facts(4, "dee", {"src/a.cpp", "src/b.cpp", "src/c.cpp"}));
    IndexPullRequest(Db(), "octo/other", Facts(5, "eve", {"src/a.cpp"}), kNowMs);

    auto related = RelatedPullRequests(Db(), repo, {"src/a.cpp", "src/b.cpp"}, 10, 4);

    ASSERT_TRUE(related) << related.error().detail;
    ASSERT_EQ(related->size(), 2U) << "#3 touched other files, #4 is left out, #5 is elsewhere";
    EXPECT_EQ((*related)[0].number, 1) << "two overlapping files beat one";
    EXPECT_EQ((*related)[0].overlap, 2);
    EXPECT_EQ((*related)[0].author, "ann");
    EXPECT_EQ((*related)[1].number, 2);
    EXPECT_EQ((*related)[1].verdict, "APPROVE");
    EXPECT_EQ((*related)[1].state, "open");
    auto limited = RelatedPullRequests(Db(), repo, {"src/a.cpp"}, 1);
    ASSERT_TRUE(limited);
    ASSERT_EQ(limited->size(), 1U);
    EXPECT_EQ((*limited)[0].number, 2) << "among equal overlaps the latest update comes first";
}

TEST_P(GraphPullRequestIndexTest, CountsOpenPullRequestsTowardsExpertise) {
    const std::int64_t repo = Index(Facts(1, "ann", {"src/a.cpp"})).repository_id;
    PullRequestFacts merged = Facts(2, "bob", {"src/a.cpp"});
    merged.state = "merged";
    merged.merged_at_ms = kNowMs - kDayMs;
    Index(merged);

    auto experts = Experts(Db(), repo, {"src/a.cpp"}, kNowMs, 10);
    ASSERT_TRUE(experts) << experts.error().detail;
    ASSERT_EQ(experts->size(), 2U) << "without history, merged pull requests count too";
    EXPECT_EQ((*experts)[0].login, "bob") << "merged a day ago, updated two days ago";

    // Once any history is imported, merged work is read from the commits instead.
    const store::Value commit[] = {repo};
    Query("INSERT INTO developers (login, created_at, updated_at) VALUES ('zed', 1, 1)");
    Query(
        "INSERT INTO commits (repository_id, sha, developer_id, authored_at, committed_at) "
        "SELECT $1, 'f00d', id, 1, 1 FROM developers WHERE login = 'zed'",
        commit);
    auto after = Experts(Db(), repo, {"src/a.cpp"}, kNowMs, 10);
    ASSERT_TRUE(after);
    ASSERT_EQ(after->size(), 1U);
    EXPECT_EQ((*after)[0].login, "ann") << "the open pull request still counts";
}

INSTANTIATE_TEST_SUITE_P(Engines, GraphPullRequestIndexTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::graph::test
