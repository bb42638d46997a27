// The code index as review context, on a real database of each engine: a change's related code
// elsewhere, files near the change first, the changed lines left out.
#include "app/code_context.hpp"

#include <gtest/gtest.h>

#include "graph/near_files.hpp"
#include "index/search.hpp"
#include "unit/app/repository_fixture.hpp"

namespace nectr::app::test {
namespace {

using Items = core::Result<std::vector<review::ContextItem>>;

class CodeContextTest : public RepositoryContextTest {
protected:
    Items Gather(const std::string& repo) {
        review::ChangeInfo change;
        change.subject = repo + "#7";
        change.repo_full_name = repo;
        change.number = 7;
        CodeContextSource source(Db(), pool_);
        review::ContextQuery query{change, diff_.files};
        return RunAwaitable(source.Gather(query));
    }

    std::int64_t FileId(const std::string& path) {
        const store::Value params[] = {repository_id_, path};
        return QueryInt("SELECT id FROM files WHERE repository_id = $1 AND path = $2", params);
    }
};

TEST_P(CodeContextTest, FindsTheCallersInOtherFilesAndLeavesOutTheChangedLines) {
    Items items = Gather(kRepo);
    ASSERT_TRUE(items) << items.error().detail;
    ASSERT_EQ(items->size(), 1u);
    const review::ContextItem& item = items->front();
    EXPECT_EQ(item.source, "code_index");
    EXPECT_EQ(item.title, "Related code elsewhere in the repository");
    EXPECT_NE(item.text.find("Searched for: compute_tax_rate"), std::string::npos) << item.text;
    EXPECT_NE(item.text.find("src/billing/invoice.py:"), std::string::npos) << item.text;
    EXPECT_NE(item.text.find("total_with_tax"), std::string::npos) << item.text;
    EXPECT_NE(item.text.find("rate = compute_tax_rate(region)"), std::string::npos) << item.text;
    // compute_tax_rate's own chunk holds the changed lines: the diff shows it already.
    EXPECT_EQ(item.text.find("src/billing/tax.py:1-"), std::string::npos) << item.text;
    // The changed file's other function is related and untouched.
    EXPECT_NE(item.text.find("is_tax_free"), std::string::npos) << item.text;
}

TEST_P(CodeContextTest, AFileThatChangesWithTheChangedOneRanksAboveItsEqualTwin) {
    const std::int64_t near_id = FileId("src/reports/report.py");
    const std::int64_t far_id = FileId("src/archive/report.py");
    ASSERT_GT(near_id, 0);
    ASSERT_GT(far_id, 0);
    auto near =
        graph::NearFileIds(Db(), repository_id_, {"src/billing/tax.py"}, {"src/reports/report.py"});
    ASSERT_TRUE(near) << near.error().detail;
    EXPECT_NE(std::find(near->begin(), near->end(), near_id), near->end());
    EXPECT_EQ(std::find(near->begin(), near->end(), far_id), near->end());

    // Without proximity the twins tie in the text ranking and the far one, indexed first,
    // wins the tie.
    auto plain = index::SearchCode(Db(), repository_id_, "tax_report_line", 5);
    ASSERT_TRUE(plain) << plain.error().detail;
    ASSERT_GE(plain->size(), 2u);
    EXPECT_EQ((*plain)[0].path, "src/archive/report.py");
    EXPECT_EQ((*plain)[1].path, "src/reports/report.py");

    Items items = Gather(kRepo);
    ASSERT_TRUE(items) << items.error().detail;
    ASSERT_EQ(items->size(), 1u);
    const std::string& text = items->front().text;
    const auto near_at = text.find("src/reports/report.py:");
    const auto far_at = text.find("src/archive/report.py:");
    ASSERT_NE(near_at, std::string::npos) << text;
    ASSERT_NE(far_at, std::string::npos) << text;
    EXPECT_LT(near_at, far_at) << text;
}

TEST_P(CodeContextTest, ARepositoryNeverIndexedAddsNothing) {
    Items unknown = Gather("acme/elsewhere");
    ASSERT_TRUE(unknown) << unknown.error().detail;
    EXPECT_TRUE(unknown->empty());

    // Known to the graph (a pull request was seen), but the index never scanned it.
    ASSERT_TRUE(graph::EnsureRepository(Db(), "acme/graph-only", graph::test::kNowMs));
    auto id = IndexedRepositoryId(Db(), "acme/graph-only");
    ASSERT_TRUE(id) << id.error().detail;
    EXPECT_FALSE(*id);
    Items graph_only = Gather("acme/graph-only");
    ASSERT_TRUE(graph_only) << graph_only.error().detail;
    EXPECT_TRUE(graph_only->empty());

    auto indexed = IndexedRepositoryId(Db(), kRepo);
    ASSERT_TRUE(indexed) << indexed.error().detail;
    EXPECT_EQ(*indexed, std::optional<std::int64_t>(repository_id_));
}

TEST_P(CodeContextTest, AChangeOutsideGitHubOrWithoutIdentifiersAddsNothing) {
    EXPECT_TRUE(Gather("")->empty());
    auto blank = review::ParseUnifiedDiff(
        "diff --git a/src/billing/tax.py b/src/billing/tax.py\n"
        "--- a/src/billing/tax.py\n"
        "+++ b/src/billing/tax.py\n"
        "@@ -4,1 +4,2 @@\n"
        "     return 0.1\n"
        "+\n");
    ASSERT_TRUE(blank) << blank.error().detail;
    diff_ = std::move(*blank);
    Items items = Gather(kRepo);
    ASSERT_TRUE(items) << items.error().detail;
    EXPECT_TRUE(items->empty());
}

TEST(FormatCodeHitsTest, ListsEachHitWithItsSnippetAndStopsBeforeTheCap) {
    std::vector<index::CodeHit> hits(2);
    hits[0].path = "a.py";
    hits[0].start_line = 3;
    hits[0].end_line = 9;
    hits[0].symbol = "run";
    hits[0].snippet = "def run():\n    go()";
    hits[1].path = "b.py";
    hits[1].start_line = 1;
    hits[1].end_line = 2;
    hits[1].snippet = std::string(200, 'x');
    EXPECT_EQ(FormatCodeHits(hits, 1000),
              "a.py:3-9 run\n    def run():\n        go()\nb.py:1-2\n    " + std::string(200, 'x') +
                  "\n");
    EXPECT_EQ(FormatCodeHits(hits, 100), "a.py:3-9 run\n    def run():\n        go()\n");
    EXPECT_EQ(FormatCodeHits(hits, 10), "");
}

INSTANTIATE_TEST_SUITE_P(Engines, CodeContextTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::app::test
