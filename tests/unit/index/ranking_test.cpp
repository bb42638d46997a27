// Fusing the full-text ranking with vectors, named symbols and graph proximity.
#include "index/ranking.hpp"

#include <gtest/gtest.h>

namespace nectr::index {
namespace {

Candidate Make(std::int64_t id, std::string path, std::string symbol,
               std::optional<std::size_t> text_rank,
               std::optional<std::size_t> vector_rank = std::nullopt) {
    Candidate c;
    c.chunk_id = id;
    c.file_id = id * 10;
    c.path = std::move(path);
    c.symbol = std::move(symbol);
    c.content = "line\n";
    c.text_rank = text_rank;
    c.vector_rank = vector_rank;
    return c;
}

std::vector<std::string> Paths(const std::vector<CodeHit>& hits) {
    std::vector<std::string> paths;
    paths.reserve(hits.size());
    for (const CodeHit& hit : hits) {
        paths.push_back(hit.path);
    }
    return paths;
}

TEST(RankCandidatesTest, KeepsTheTextOrderWithoutOtherSignals) {
    const auto hits = RankCandidates(
        {Make(1, "a", "", 0), Make(2, "b", "", 1), Make(3, "c", "", 2)}, AnalyzeQuery("x"), {}, 10);
    EXPECT_EQ(Paths(hits), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_GT(hits[0].score, hits[1].score);
}

TEST(RankCandidatesTest, TheSymbolTheQueryNamesComesFirst) {
    const std::vector<Candidate> candidates = {Make(1, "caller.ts", "main", 0),
                                               Make(2, "other.ts", "", 1),
                                               Make(3, "diff.ts", "parseDiffHunk", 5)};
    for (const char* query : {"parseDiffHunk", "parse diff hunk", "parse_diff_hunk"}) {
        const auto hits = RankCandidates(candidates, AnalyzeQuery(query), {}, 2);
        ASSERT_EQ(hits.size(), 2u);
        EXPECT_EQ(hits[0].path, "diff.ts") << query;
        EXPECT_EQ(hits[0].symbol, "parseDiffHunk");
    }
}

TEST(RankCandidatesTest, OneWordOfALongerQueryDoesNotNameASymbol) {
    const std::vector<Candidate> candidates = {Make(1, "run.cpp", "Run", 0),
                                               Make(2, "pipeline.cpp", "RunReviewPipeline", 7),
                                               Make(3, "cli.cpp", "RunPipeline", 1)};
    const auto hits = RankCandidates(candidates, AnalyzeQuery("run review pipeline"), {}, 3);
    EXPECT_EQ(Paths(hits), (std::vector<std::string>{"pipeline.cpp", "cli.cpp", "run.cpp"}))
        << "the named symbol first, then the one whose words the query holds";
}

TEST(RankCandidatesTest, NearFilesMoveUp) {
    const std::vector<Candidate> candidates = {Make(1, "far", "", 0), Make(2, "near", "", 10)};
    EXPECT_EQ(Paths(RankCandidates(candidates, AnalyzeQuery("x"), {20}, 2)),
              (std::vector<std::string>{"near", "far"}));
    EXPECT_EQ(Paths(RankCandidates(candidates, AnalyzeQuery("x"), {}, 2)),
              (std::vector<std::string>{"far", "near"}));
}

TEST(RankCandidatesTest, AgreementOfTextAndVectorsBeatsEitherAlone) {
    const std::vector<Candidate> candidates = {Make(1, "text-only", "", 0),
                                               Make(2, "vector-only", "", std::nullopt, 0),
                                               Make(3, "both", "", 1, 1)};
    EXPECT_EQ(RankCandidates(candidates, AnalyzeQuery("x"), {}, 3)[0].path, "both");
}

TEST(RankCandidatesTest, ReturnsAtMostTheLimit) {
    EXPECT_EQ(
        RankCandidates({Make(1, "a", "", 0), Make(2, "b", "", 1)}, AnalyzeQuery("x"), {}, 1).size(),
        1u);
}

TEST(MakeSnippetTest, StartsAtTheLineWithTheMostTerms) {
    const std::string content =
        "// header\nint x;\nint parseDiffHunk(Diff d) {\n  return 0;\n}\nmore\n";
    EXPECT_EQ(MakeSnippet(content, AnalyzeQuery("parseDiffHunk")),
              "int parseDiffHunk(Diff d) {\n  return 0;\n}");
}

TEST(MakeSnippetTest, FallsBackToTheFirstLinesAndCutsLongOnes) {
    EXPECT_EQ(MakeSnippet("\n\nfirst\nsecond\n", AnalyzeQuery("zzz")), "first\nsecond");
    EXPECT_EQ(MakeSnippet(std::string(1000, 'a'), AnalyzeQuery("zzz")).size(), 300u);
}

}  // namespace
}  // namespace nectr::index
