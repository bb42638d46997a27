#include "graph/history_import.hpp"

#include <gtest/gtest.h>

#include "graph/co_change.hpp"
#include "graph/experts.hpp"
#include "graph/repository.hpp"
#include "history_test_support.hpp"

namespace nectr::graph::test {
namespace {

class GraphHistoryImportTest : public GraphEngineTest {
protected:
    std::int64_t Repository(const std::string& name = "octo/widgets") {
        core::Result<std::int64_t> id = EnsureRepository(Db(), name, kNowMs);
        EXPECT_TRUE(id) << id.error().detail;
        return id ? *id : -1;
    }

    HistoryImportReport Import(std::int64_t repository_id, const std::string& path,
                               std::optional<std::string> since = std::nullopt,
                               std::size_t max_commits = 1000) {
        core::Result<HistoryImportReport> report =
            ImportGitHistory(Db(), repository_id, path, std::move(since), max_commits, kNowMs);
        EXPECT_TRUE(report) << report.error().detail;
        return report ? *report : HistoryImportReport();
    }

    ScriptedRepository repo;
    ScriptedHistory history;
};

TEST_P(GraphHistoryImportTest, StoresCommitsFilesAndAuthorsAsGitListsThem) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();

    const HistoryImportReport report = Import(id, repo.Path());

    EXPECT_EQ(report.commits_read, 6U);
    EXPECT_EQ(report.commits_added, 6U);
    EXPECT_EQ(report.files_added, 3U + 2 + 2 + 2 + (kVendoredFiles + 1) + 3);
    EXPECT_EQ(report.head_sha, history.shas.back());
    EXPECT_FALSE(report.since_sha.has_value());
    const store::Value c2[] = {id, history.shas[1]};
    store::Rows b = Query(
        "SELECT f.additions, f.deletions, c.authored_at, d.login FROM commit_files f "
        "JOIN commits c ON c.id = f.commit_id JOIN developers d ON d.id = c.developer_id "
        "WHERE c.repository_id = $1 AND c.sha = $2 AND f.path = 'src/b.cpp'",
        c2);
    ASSERT_EQ(b.size(), 1U) << "c2 changed src/b.cpp";
    EXPECT_EQ(store::AsInt(b.rows[0][0]), 4);
    EXPECT_EQ(store::AsInt(b.rows[0][1]), 10) << "c2 replaced b's ten lines";
    EXPECT_EQ(store::AsInt(b.rows[0][2]), kNowMs - 100 * kDayMs);
    EXPECT_EQ(store::AsText(b.rows[0][3]), "bob@example.com") << "e-mail keys are lower case";
    store::Rows alice = Query("SELECT is_github, name FROM developers WHERE login = 'alice'");
    ASSERT_EQ(alice.size(), 1U) << "GitHub's no-reply address names the login";
    EXPECT_EQ(store::AsInt(alice.rows[0][0]), 1);
    EXPECT_EQ(store::AsText(alice.rows[0][1]), "Alice");
    const store::Value repo_id[] = {id};
    EXPECT_EQ(QueryInt("SELECT file_count FROM commits WHERE repository_id = $1 AND "
                       "authored_at = " +
                           std::to_string(kNowMs - 2 * kDayMs),
                       repo_id),
              kVendoredFiles + 1);
    store::Rows contributed = Query(
        "SELECT d.login, r.commit_count, r.last_at FROM developer_repositories r "
        "JOIN developers d ON d.id = r.developer_id WHERE r.repository_id = $1 ORDER BY r.last_at",
        repo_id);
    ASSERT_EQ(contributed.size(), 3U);
    EXPECT_EQ(store::AsText(contributed.rows[0][0]), "alice");
    EXPECT_EQ(store::AsInt(contributed.rows[0][1]), 2);
    EXPECT_EQ(store::AsInt(contributed.rows[0][2]), kNowMs - 10 * kDayMs);
    EXPECT_EQ(store::AsText(contributed.rows[2][0]), "bob@example.com");
}

TEST_P(GraphHistoryImportTest, ContinuesFromTheLastImportedHead) {
    history.WriteFirstHalf(repo);
    const std::int64_t id = Repository();
    const HistoryImportReport first = Import(id, repo.Path());
    ASSERT_EQ(first.commits_added, 3U);
    history.WriteSecondHalf(repo);

    const HistoryImportReport second = Import(id, repo.Path());

    EXPECT_EQ(second.since_sha, history.shas[2]) << "the first import ended at c3";
    EXPECT_EQ(second.commits_read, 3U) << "only c4..c6 are new";
    EXPECT_EQ(second.commits_added, 3U);
    const store::Value repo_id[] = {id};
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM commits WHERE repository_id = $1", repo_id), 6);
    const HistoryImportReport third = Import(id, repo.Path());
    EXPECT_EQ(third.commits_read, 0U) << "nothing happened since";
    const HistoryImportReport again = Import(id, repo.Path(), history.shas[0]);
    EXPECT_EQ(again.commits_read, 5U) << "an explicit start reads c2..c6";
    EXPECT_EQ(again.commits_added, 0U) << "commits known already are not stored twice";
}

TEST_P(GraphHistoryImportTest, ReadsTheWholeHistoryWhenTheRecordedHeadIsGone) {
    history.WriteFirstHalf(repo);
    const std::int64_t id = Repository();
    Import(id, repo.Path());
    // As after a force-push: the recorded head is no longer in the checkout.
    const store::Value gone[] = {id};
    Query(
        "UPDATE git_history_imports SET head_sha = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef' "
        "WHERE repository_id = $1",
        gone);
    history.WriteSecondHalf(repo);

    const HistoryImportReport report = Import(id, repo.Path());

    EXPECT_FALSE(report.since_sha.has_value());
    EXPECT_EQ(report.commits_read, 6U);
    EXPECT_EQ(report.commits_added, 3U);
    EXPECT_EQ(report.head_sha, history.shas.back());
}

TEST_P(GraphHistoryImportTest, RefusesBadStartsAndPathsThatAreNoCheckout) {
    history.WriteFirstHalf(repo);
    const std::int64_t id = Repository();
    auto option = ImportGitHistory(Db(), id, repo.Path(), "--output=/tmp/x", 10, kNowMs);
    ASSERT_FALSE(option);
    EXPECT_EQ(option.error().code, core::Errc::kInvalidInput);
    auto unknown = ImportGitHistory(Db(), id, repo.Path(), "abcdef0123", 10, kNowMs);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, core::Errc::kNotFound);
    testing::TempDir empty;
    auto not_git = ImportGitHistory(Db(), id, empty.Path(), std::nullopt, 10, kNowMs);
    ASSERT_FALSE(not_git);
    EXPECT_EQ(not_git.error().code, core::Errc::kNotFound);
}

TEST_P(GraphHistoryImportTest, ImportsNothingFromACheckoutWithoutCommits) {
    const std::int64_t id = Repository();
    const HistoryImportReport report = Import(id, repo.Path());
    EXPECT_EQ(report.commits_read, 0U);
    EXPECT_TRUE(report.head_sha.empty());
}

TEST_P(GraphHistoryImportTest, KeepsAtMostTheNewestCommitsAsked) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();
    const HistoryImportReport report = Import(id, repo.Path(), std::nullopt, 2);
    EXPECT_EQ(report.commits_added, 2U);
    const store::Value repo_id[] = {id};
    EXPECT_EQ(QueryInt("SELECT MIN(authored_at) FROM commits WHERE repository_id = $1", repo_id),
              kNowMs - 2 * kDayMs)
        << "the two newest are c5 and c6";
}

TEST_P(GraphHistoryImportTest, RanksExpertsByRecencyAndSizeOfTheirChanges) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();
    Import(id, repo.Path());

    auto experts = Experts(Db(), id, {"src/a.cpp"}, kNowMs, 10);

    ASSERT_TRUE(experts) << experts.error().detail;
    ASSERT_EQ(experts->size(), 3U);
    const double bob = HandWeight(100, 3) + HandWeight(1, 5);
    const double alice = HandWeight(200, 10) + HandWeight(10, 2);
    const double carol = HandWeight(2, 1);
    EXPECT_EQ((*experts)[0].login, "bob@example.com");
    EXPECT_NEAR((*experts)[0].score, bob, 1e-9);
    EXPECT_EQ((*experts)[0].changes, 2);
    EXPECT_EQ((*experts)[0].last_changed_at_ms, kNowMs - kDayMs);
    EXPECT_EQ((*experts)[1].login, "alice");
    EXPECT_TRUE((*experts)[1].is_github);
    EXPECT_NEAR((*experts)[1].score, alice, 1e-9);
    EXPECT_EQ((*experts)[2].login, "carol@example.com");
    EXPECT_NEAR((*experts)[2].score, carol, 1e-9);
    EXPECT_EQ((*experts)[2].name, "Carol");
}

TEST_P(GraphHistoryImportTest, SumsExpertiseOverSeveralPathsAndHonoursTheLimit) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();
    Import(id, repo.Path());

    auto experts = Experts(Db(), id, {"docs/guide.md", "src/a.cpp", "src/a.cpp"}, kNowMs, 1);

    ASSERT_TRUE(experts) << experts.error().detail;
    ASSERT_EQ(experts->size(), 1U);
    EXPECT_EQ((*experts)[0].login, "carol@example.com") << "the guide's 6 recent lines count";
    EXPECT_NEAR((*experts)[0].score, HandWeight(2, 1) + HandWeight(5, 6), 1e-9);
    EXPECT_EQ((*experts)[0].files, (std::vector<std::string>{"docs/guide.md", "src/a.cpp"}));
    auto none = Experts(Db(), id, {"no/such/file"}, kNowMs, 5);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST_P(GraphHistoryImportTest, FindsFilesThatChangeTogetherLeavingOutHugeCommits) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();
    Import(id, repo.Path());

    auto files = CoChangedFiles(Db(), id, {"src/a.cpp"}, 10);

    ASSERT_TRUE(files) << files.error().detail;
    ASSERT_EQ(files->size(), 3U) << "vendor/ only changed with a.cpp in the 52-file commit";
    EXPECT_EQ((*files)[0].path, "src/b.cpp");
    EXPECT_EQ((*files)[0].shared, 3);
    EXPECT_EQ((*files)[0].commits, 4);
    EXPECT_DOUBLE_EQ((*files)[0].confidence, 0.75);
    EXPECT_EQ((*files)[0].with, "src/a.cpp");
    EXPECT_EQ((*files)[1].path, "src/c.cpp");
    EXPECT_EQ((*files)[1].shared, 2);
    EXPECT_EQ((*files)[2].path, "README.md");
    EXPECT_DOUBLE_EQ((*files)[2].confidence, 0.25);

    // The same counts, read from git's own listing rather than from the import.
    const CoChangeCount expected = CountCoChangesFromGitLog(repo.Path(), "src/a.cpp", 50);
    EXPECT_EQ(expected.commits, 4);
    ASSERT_EQ(expected.together.size(), files->size());
    for (const CoChangedFile& file : *files) {
        EXPECT_EQ(expected.together.at(file.path), file.shared) << file.path;
    }
}

TEST_P(GraphHistoryImportTest, PicksForEachFileTheAskedPathItFollowsMostReliably) {
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);
    const std::int64_t id = Repository();
    Import(id, repo.Path());

    auto files = CoChangedFiles(Db(), id, {"src/a.cpp", "src/c.cpp"}, 10);

    ASSERT_TRUE(files) << files.error().detail;
    ASSERT_FALSE(files->empty());
    // b.cpp follows a.cpp in 3 of its 4 commits, c.cpp in 1 of its 2: a.cpp wins.
    EXPECT_EQ((*files)[0].path, "src/b.cpp");
    EXPECT_EQ((*files)[0].with, "src/a.cpp");
    for (const CoChangedFile& file : *files) {
        EXPECT_NE(file.path, "src/a.cpp") << "asked paths are not their own co-changes";
        EXPECT_NE(file.path, "src/c.cpp");
    }
}

TEST_P(GraphHistoryImportTest, MatchesGitLogOnThisRepositorysOwnHistory) {
    const std::string checkout = NECTR_SOURCE_DIR;
    const std::string inside =
        ScriptedRepository::RunGit(checkout, {"rev-parse", "--is-inside-work-tree"});
    if (inside.rfind("true", 0) != 0) {
        GTEST_SKIP() << checkout << " is not a git checkout";
    }
    const std::int64_t id = Repository("local/nectr");
    const HistoryImportReport report = Import(id, checkout, std::nullopt, 100000);
    ASSERT_GT(report.commits_added, 0U);
    const std::string file = "CMakeLists.txt";

    auto files = CoChangedFiles(Db(), id, {file}, 100000);

    ASSERT_TRUE(files) << files.error().detail;
    const CoChangeCount expected = CountCoChangesFromGitLog(checkout, file, 50);
    ASSERT_GT(expected.commits, 0) << file << " changed in some commit";
    ASSERT_EQ(files->size(), expected.together.size());
    for (const CoChangedFile& co : *files) {
        EXPECT_EQ(co.commits, expected.commits);
        ASSERT_TRUE(expected.together.contains(co.path)) << co.path;
        EXPECT_EQ(co.shared, expected.together.at(co.path)) << co.path;
    }
}

INSTANTIATE_TEST_SUITE_P(Engines, GraphHistoryImportTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::graph::test
