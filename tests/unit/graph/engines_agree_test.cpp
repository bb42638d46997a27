// Every graph query answers the same on SQLite and PostgreSQL, to the last bit of each score:
// the same history and pull requests go into both, and the answers are compared as text.
#include <fmt/format.h>
#include <gtest/gtest.h>

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

const std::vector<std::string> kAsked = {"src/a.cpp", "src/b.cpp", "docs/guide.md"};

std::string Render(store::Database& db, std::int64_t id) {
    std::string out;
    auto experts = Experts(db, id, kAsked, kNowMs, 10);
    EXPECT_TRUE(experts);
    for (const Expert& e : *experts) {
        out += fmt::format("expert {} {:.17g} {} {}\n", e.login, e.score, e.changes,
                           fmt::join(e.files, ","));
    }
    auto co = CoChangedFiles(db, id, kAsked, 100);
    EXPECT_TRUE(co);
    for (const CoChangedFile& f : *co) {
        out += fmt::format("co {} {} {} {} {:.17g}\n", f.path, f.with, f.shared, f.commits,
                           f.confidence);
    }
    auto related = RelatedPullRequests(db, id, kAsked, 10);
    EXPECT_TRUE(related);
    for (const RelatedPullRequest& p : *related) {
        out += fmt::format("pr {} {} {} {}\n", p.number, p.overlap, p.author, p.verdict);
    }
    auto blast = BlastRadius(db, id, kAsked, 10);
    EXPECT_TRUE(blast);
    for (const ImportingFile& f : *blast) {
        out += fmt::format("importer {} {}\n", f.path, f.depth);
    }
    auto health = RepositoryHealth(db, id, kNowMs);
    EXPECT_TRUE(health);
    for (const VerdictWeek& w : health->verdict_trend) {
        out += fmt::format("week {} {}\n", w.starts_at_ms, w.total);
    }
    for (const HotFile& f : health->hot_files) {
        out += fmt::format("hot {} {} {} {}\n", f.path, f.changes, f.churn, f.authors);
    }
    for (const DirectoryBusFactor& d : health->bus_factor) {
        out += fmt::format("dir '{}' {} {}\n", d.directory, d.bus_factor, fmt::join(d.owners, ","));
    }
    return out;
}

std::string Answers(store::Engine engine, const std::string& checkout) {
    auto test_database = testing::TestDatabase::Create(engine);
    EXPECT_TRUE(test_database) << test_database.error().detail;
    if (!test_database) {
        return "";
    }
    auto db = (*test_database)->OpenMigrated();
    EXPECT_TRUE(db) << db.error().detail;
    auto id = EnsureRepository(**db, "octo/widgets", kNowMs);
    EXPECT_TRUE(id);
    EXPECT_TRUE(ImportGitHistory(**db, *id, checkout, std::nullopt, 100, kNowMs));
    for (int number = 1; number <= 4; ++number) {
        PullRequestFacts facts;
        facts.number = number;
        facts.author = number % 2 == 0 ? "Ann" : "bob";
        facts.verdict = number == 3 ? "REQUEST_CHANGES" : "APPROVE";
        facts.updated_at_ms = kNowMs - number * kDayMs;
        facts.files.push_back({kAsked[static_cast<std::size_t>(number % 3)], "", number, 1});
        facts.files.push_back({"src/z.cpp", "", 2, 2});
        EXPECT_TRUE(IndexPullRequest(**db, "octo/widgets", facts, kNowMs - number * kDayMs));
    }
    std::string rendered = Render(**db, *id);
    db->reset();
    return rendered;
}

TEST(GraphEnginesAgreeTest, EveryQueryAnswersTheSameOnBothEngines) {
    ScriptedRepository repo;
    ScriptedHistory history;
    history.WriteFirstHalf(repo);
    history.WriteSecondHalf(repo);

    const std::string sqlite = Answers(store::Engine::kSqlite, repo.Path());
    const std::string postgres = Answers(store::Engine::kPostgres, repo.Path());

    EXPECT_NE(sqlite.find("expert "), std::string::npos) << sqlite;
    EXPECT_NE(sqlite.find("co "), std::string::npos) << sqlite;
    EXPECT_NE(sqlite.find("pr "), std::string::npos) << sqlite;
    EXPECT_EQ(sqlite, postgres);
}

}  // namespace
}  // namespace nectr::graph::test
