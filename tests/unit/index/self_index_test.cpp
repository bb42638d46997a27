// Indexing Nectr's own source tree: a real checkout of a few hundred files.
#include <gtest/gtest.h>

#include "index/indexer.hpp"
#include "index/search.hpp"
#include "unit/index/index_test_base.hpp"

namespace nectr::index {
namespace {

constexpr store::Query kSymbolIn{
    "test.symbol_in",
    "SELECT s.start_line, s.end_line FROM symbols s JOIN files f ON f.id = s.file_id "
    "WHERE f.repository_id = $1 AND f.path = $2 AND s.name = $3 AND s.kind = 'function'",
    "SELECT s.start_line, s.end_line FROM symbols s JOIN files f ON f.id = s.file_id "
    "WHERE f.repository_id = $1 AND f.path = $2 AND s.name = $3 AND s.kind = 'function'"};

using SelfIndexTest = IndexTest;

TEST_P(SelfIndexTest, FindsTheReviewPipelineInThisRepository) {
    IndexRequest request;
    request.path = NECTR_SOURCE_DIR;
    request.repository_full_name = "nectr/nectr";
    auto summary = IndexCheckout(Db(), request);
    ASSERT_TRUE(summary) << summary.error().detail;
    EXPECT_GT(summary->files, 300u);
    EXPECT_GT(summary->symbols, 3000u);
    EXPECT_TRUE(summary->notes.empty()) << summary->notes.front();

    auto symbol = store::Execute(
        Db(), kSymbolIn,
        std::vector<store::Value>{summary->repository_id, std::string("src/review/pipeline.cpp"),
                                  std::string("RunReviewPipeline")});
    ASSERT_TRUE(symbol) << symbol.error().detail;
    ASSERT_EQ(symbol->size(), 1u) << "RunReviewPipeline is defined in src/review/pipeline.cpp";
    const auto start = store::AsInt(symbol->rows[0][0]).value_or(0);
    const auto end = store::AsInt(symbol->rows[0][1]).value_or(0);
    EXPECT_GT(end, start);

    auto hits = SearchCode(Db(), summary->repository_id, "RunReviewPipeline", 5);
    ASSERT_TRUE(hits) << hits.error().detail;
    ASSERT_FALSE(hits->empty());
    EXPECT_EQ((*hits)[0].path, "src/review/pipeline.cpp");
    EXPECT_EQ((*hits)[0].symbol, "RunReviewPipeline");
    auto words = SearchCode(Db(), summary->repository_id, "run review pipeline", 5);
    ASSERT_TRUE(words) << words.error().detail;
    ASSERT_FALSE(words->empty());
    EXPECT_EQ((*words)[0].symbol, "RunReviewPipeline");
}

INSTANTIATE_TEST_SUITE_P(Engines, SelfIndexTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::index
