// The full-text expressions search sends to each engine.
#include <gtest/gtest.h>

#include "index/search.hpp"

namespace nectr::index {
namespace {

TEST(FullTextExpressionTest, StrictFormWantsEveryWordOrItsIdentifier) {
    const QueryTerms query = AnalyzeQuery("parseDiffHunk header");
    EXPECT_EQ(FullTextExpression(store::Engine::kSqlite, query, MatchMode::kAll),
              R"(("parsediffhunk" OR ("parse" AND "diff" AND "hunk")) AND "header")");
    EXPECT_EQ(FullTextExpression(store::Engine::kPostgres, query, MatchMode::kAll),
              "('parsediffhunk' | ('parse' & 'diff' & 'hunk')) & 'header'");
}

TEST(FullTextExpressionTest, LooseFormWantsAnyTerm) {
    const QueryTerms query = AnalyzeQuery("parse_diff hunk");
    EXPECT_EQ(FullTextExpression(store::Engine::kSqlite, query, MatchMode::kAny),
              R"("parse" OR "diff" OR "hunk")");
    EXPECT_EQ(FullTextExpression(store::Engine::kPostgres, query, MatchMode::kAny),
              "'parse' | 'diff' | 'hunk'");
    EXPECT_EQ(FullTextExpression(store::Engine::kSqlite, query, MatchMode::kAll),
              R"("parse" AND "diff" AND "hunk")")
        << "snake_case parts are words of their own already";
}

}  // namespace
}  // namespace nectr::index
