#include <gtest/gtest.h>

#include <sstream>

#include "graph/blast_radius.hpp"
#include "graph/co_change.hpp"
#include "graph/experts.hpp"
#include "graph/health.hpp"
#include "graph/history_import.hpp"
#include "graph/pull_request_index.hpp"
#include "graph/related_pull_requests.hpp"
#include "graph/repository.hpp"
#include "history_test_support.hpp"

namespace nectr::graph::test {
namespace {

class GraphQueriesTest : public GraphEngineTest {
protected:
    std::int64_t AddFile(std::int64_t repository_id, const std::string& path) {
        const store::Value params[] = {repository_id, path, kNowMs};
        return QueryInt(
            "INSERT INTO files (repository_id, path, updated_at) VALUES ($1, $2, $3) RETURNING id",
            params);
    }

    void AddImport(std::int64_t file_id, const std::string& target,
                   std::optional<std::int64_t> target_file_id) {
        const store::Value params[] = {
            file_id, target, target_file_id ? store::Value(*target_file_id) : store::Null()};
        Query("INSERT INTO file_imports (file_id, target, target_file_id) VALUES ($1, $2, $3)",
              params);
    }

    std::int64_t ImportScriptedHistory() {
        ScriptedHistory history;
        history.WriteFirstHalf(repo);
        history.WriteSecondHalf(repo);
        auto id = EnsureRepository(Db(), "octo/widgets", kNowMs);
        EXPECT_TRUE(id);
        auto imported = ImportGitHistory(Db(), *id, repo.Path(), std::nullopt, 100, kNowMs);
        EXPECT_TRUE(imported) << imported.error().detail;
        return *id;
    }

    ScriptedRepository repo;
};

std::vector<std::string> PathsOf(const std::vector<ImportingFile>& files) {
    std::vector<std::string> paths;
    paths.reserve(files.size());
    for (const ImportingFile& file : files) {
        paths.push_back(file.path + "@" + std::to_string(file.depth));
    }
    return paths;
}

TEST_P(GraphQueriesTest, FollowsImportersTwoStepsOutAndStopsThere) {
    auto repo_id = EnsureRepository(Db(), "octo/widgets", kNowMs);
    ASSERT_TRUE(repo_id);
    const std::int64_t core = AddFile(*repo_id, "src/core.hpp");
    const std::int64_t a = AddFile(*repo_id, "src/a.cpp");
    const std::int64_t b = AddFile(*repo_id, "src/b.cpp");
    const std::int64_t c = AddFile(*repo_id, "src/c.cpp");
    const std::int64_t d = AddFile(*repo_id, "src/d.cpp");
    AddImport(a, "core.hpp", core);
    AddImport(b, "a", a);
    AddImport(c, "b", b);  // three steps away: out of reach
    AddImport(d, "core.hpp", core);
    AddImport(d, "a", a);
    AddImport(core, "d", d);  // a cycle back into the change
    AddImport(a, "<vector>", std::nullopt);
    auto other = EnsureRepository(Db(), "octo/other", kNowMs);
    ASSERT_TRUE(other);
    AddImport(AddFile(*other, "src/x.cpp"), "core.hpp", AddFile(*other, "src/core.hpp"));

    auto one = BlastRadius(Db(), *repo_id, {"src/core.hpp"}, 10);

    ASSERT_TRUE(one) << one.error().detail;
    EXPECT_EQ(PathsOf(*one),
              (std::vector<std::string>{"src/a.cpp@1", "src/d.cpp@1", "src/b.cpp@2"}));
    EXPECT_EQ((*one)[0].reaches, (std::vector<std::string>{"src/core.hpp"}));

    auto two = BlastRadius(Db(), *repo_id, {"src/core.hpp", "src/a.cpp"}, 10);
    ASSERT_TRUE(two) << two.error().detail;
    EXPECT_EQ(PathsOf(*two),
              (std::vector<std::string>{"src/b.cpp@1", "src/d.cpp@1", "src/c.cpp@2"}));
    EXPECT_EQ((*two)[1].reaches, (std::vector<std::string>{"src/a.cpp", "src/core.hpp"}));

    auto limited = BlastRadius(Db(), *repo_id, {"src/core.hpp"}, 1);
    ASSERT_TRUE(limited);
    EXPECT_EQ(PathsOf(*limited), (std::vector<std::string>{"src/a.cpp@1"}));
    auto unknown = BlastRadius(Db(), *repo_id, {"src/none.hpp"}, 10);
    ASSERT_TRUE(unknown);
    EXPECT_TRUE(unknown->empty());
}

TEST_P(GraphQueriesTest, CountsVerdictsPerWeekOverTheLastTwelve) {
    const auto verdict_at = [&](int number, const std::string& verdict, std::int64_t at) {
        PullRequestFacts facts;
        facts.number = number;
        facts.author = "ann";
        facts.verdict = verdict;
        ASSERT_TRUE(IndexPullRequest(Db(), "octo/widgets", facts, at));
    };
    verdict_at(1, "APPROVE", kNowMs - 3'600'000);             // week 11 (the last)
    verdict_at(2, "REQUEST_CHANGES", kNowMs - 3 * kDayMs);    // week 11
    verdict_at(3, "APPROVE", kNowMs - 8 * kDayMs);            // week 10
    verdict_at(4, "NEEDS_DISCUSSION", kNowMs - 83 * kDayMs);  // week 0
    verdict_at(5, "APPROVE", kNowMs - 85 * kDayMs);           // before the window
    auto repo_id = FindRepository(Db(), "octo/widgets");
    ASSERT_TRUE(repo_id && *repo_id);

    auto health = RepositoryHealth(Db(), **repo_id, kNowMs);

    ASSERT_TRUE(health) << health.error().detail;
    const auto& weeks = health->verdict_trend;
    ASSERT_EQ(weeks.size(), 12U);
    EXPECT_EQ(weeks[0].starts_at_ms, kNowMs - 84 * kDayMs);
    EXPECT_EQ(weeks[0].total, 1);
    EXPECT_EQ(weeks[0].verdicts.at("NEEDS_DISCUSSION"), 1);
    EXPECT_EQ(weeks[10].total, 1);
    EXPECT_EQ(weeks[11].total, 2);
    EXPECT_EQ(weeks[11].verdicts.at("APPROVE"), 1);
    EXPECT_EQ(weeks[11].verdicts.at("REQUEST_CHANGES"), 1);
    std::int64_t total = 0;
    for (const VerdictWeek& week : weeks) {
        total += week.total;
    }
    EXPECT_EQ(total, 4) << "the verdict 85 days ago is older than twelve weeks";
}

TEST_P(GraphQueriesTest, RanksHotFilesByChangesThenChurn) {
    const std::int64_t id = ImportScriptedHistory();

    auto hot = HotFiles(Db(), id, kNowMs, 5);

    ASSERT_TRUE(hot) << hot.error().detail;
    ASSERT_EQ(hot->size(), 5U);
    EXPECT_EQ((*hot)[0].path, "src/a.cpp");
    EXPECT_EQ((*hot)[0].changes, 3) << "c2 is older than 90 days";
    EXPECT_EQ((*hot)[0].churn, 8);
    EXPECT_EQ((*hot)[0].authors, 3);
    EXPECT_EQ((*hot)[0].last_changed_at_ms, kNowMs - kDayMs);
    EXPECT_EQ((*hot)[1].path, "src/c.cpp") << "two changes, churn 8";
    EXPECT_EQ((*hot)[2].path, "src/b.cpp") << "two changes, churn 3";
    EXPECT_EQ((*hot)[3].path, "docs/guide.md");
    EXPECT_EQ((*hot)[4].path, "vendor/lib0.h");
}

TEST_P(GraphQueriesTest, FindsTheBusFactorOfEachTopLevelDirectory) {
    const std::int64_t id = ImportScriptedHistory();

    auto health = RepositoryHealth(Db(), id, kNowMs);

    ASSERT_TRUE(health) << health.error().detail;
    EXPECT_EQ(health->hot_files.size(), kHealthHotFiles);
    const auto& dirs = health->bus_factor;
    ASSERT_EQ(dirs.size(), 4U);
    EXPECT_EQ(dirs[0].directory, "vendor");
    EXPECT_EQ(dirs[0].changes, kVendoredFiles);
    EXPECT_EQ(dirs[0].bus_factor, 1);
    EXPECT_EQ(dirs[1].directory, "src");
    EXPECT_EQ(dirs[1].changes, 11);
    EXPECT_EQ(dirs[1].developers, 3);
    EXPECT_EQ(dirs[1].bus_factor, 2) << "bob's 5 of 11 changes are not half";
    EXPECT_EQ(dirs[1].owners, (std::vector<std::string>{"bob@example.com", "alice"}));
    EXPECT_EQ(dirs[2].directory, "") << "README.md sits at the root";
    EXPECT_EQ(dirs[3].directory, "docs");
}

TEST(GraphBusFactorTest, TakesDevelopersByMostChangesUntilHalfIsCovered) {
    const DirectoryBusFactor even = BusFactorOf("src", {{"b", 5}, {"a", 5}});
    EXPECT_EQ(even.bus_factor, 1) << "exactly half is enough";
    EXPECT_EQ(even.owners, (std::vector<std::string>{"a"})) << "ties go by login";
    const DirectoryBusFactor spread = BusFactorOf("lib", {{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}});
    EXPECT_EQ(spread.bus_factor, 2);
    EXPECT_EQ(BusFactorOf("empty", {}).bus_factor, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, GraphQueriesTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::graph::test
