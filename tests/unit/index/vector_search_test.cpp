// Dense vectors: encoding, cosine, embedding the chunks, and fusing vector hits into search.
#include "index/vector_search.hpp"

#include <gtest/gtest.h>

#include "index/candidates.hpp"
#include "index/identifiers.hpp"
#include "index/search.hpp"
#include "support/process.hpp"
#include "unit/index/fixture_repo.hpp"
#include "unit/index/index_test_base.hpp"
#include "unit/index/word_embedder.hpp"

namespace nectr::index {
namespace {

TEST(VectorCodecTest, RoundTripsFloat32LittleEndian) {
    const std::vector<float> values = {1.0F, -2.5F, 0.0F, 3.25e-3F};
    const std::string bytes = EncodeVector(values);
    ASSERT_EQ(bytes.size(), 16u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("\x00\x00\x80\x3f", 4)) << "1.0f, little-endian";
    EXPECT_EQ(DecodeVector(bytes), values);
    EXPECT_EQ(DecodeVector("abc"), std::nullopt);
}

TEST(CosineSimilarityTest, IsOneForParallelAndZeroForOrthogonalOrMismatched) {
    EXPECT_FLOAT_EQ(CosineSimilarity(std::vector<float>{1, 2}, std::vector<float>{2, 4}), 1.0F);
    EXPECT_FLOAT_EQ(CosineSimilarity(std::vector<float>{1, 0}, std::vector<float>{0, 1}), 0.0F);
    EXPECT_FLOAT_EQ(CosineSimilarity(std::vector<float>{1, 0}, std::vector<float>{1, 0, 0}), 0.0F);
    EXPECT_FLOAT_EQ(CosineSimilarity(std::vector<float>{0, 0}, std::vector<float>{1, 0}), 0.0F);
}

class VectorSearchTest : public IndexTest {
protected:
    void SetUp() override {
        IndexTest::SetUp();
        fixture::CreateRepository(dir.Path());
        summary = MustIndex(dir.Path());
    }

    testing::TempDir dir;
    IndexSummary summary;
};

TEST_P(VectorSearchTest, EmbedsEveryChunkOnceAndFindsByMeaning) {
    WordEmbedder embedder;
    auto embedded = EmbedMissingChunks(Db(), summary.repository_id, embedder, 7);
    ASSERT_TRUE(embedded) << embedded.error().detail;
    EXPECT_EQ(*embedded, summary.chunks);
    auto again = EmbedMissingChunks(Db(), summary.repository_id, embedder);
    ASSERT_TRUE(again) << again.error().detail;
    EXPECT_EQ(*again, 0u) << "chunks with a vector of this model are not embedded again";

    auto text_only = SearchCode(Db(), summary.repository_id, "fragment", 5);
    ASSERT_TRUE(text_only) << text_only.error().detail;
    auto has_parser = [](const std::vector<CodeHit>& hits) {
        for (const CodeHit& hit : hits) {
            if (hit.symbol == "parseDiffHunk") {
                return true;
            }
        }
        return false;
    };
    EXPECT_FALSE(has_parser(*text_only)) << "no chunk of parseDiffHunk holds the word";

    SearchOptions options;
    options.embedder = &embedder;
    auto hybrid = SearchCode(Db(), summary.repository_id, "fragment", 5, options);
    ASSERT_TRUE(hybrid) << hybrid.error().detail;
    EXPECT_TRUE(has_parser(*hybrid)) << "the vector ranking brings in what text could not find";

    // The parseDiffHunk chunk's own text (lines 7 to 15 of the file) is nearest to itself.
    std::string body;
    int line = 1;
    for (char c : fixture::Files().at("src/diff/parser.ts")) {
        if (line >= fixture::kParseDiffHunkComment && line <= fixture::kParseDiffHunkEnd) {
            body.push_back(c);
        }
        line += c == '\n' ? 1 : 0;
    }
    auto nearest = NearestChunks(Db(), summary.repository_id, embedder, body, 3);
    ASSERT_TRUE(nearest) << nearest.error().detail;
    ASSERT_FALSE(nearest->empty());
    auto first = LoadCandidates(Db(), {(*nearest)[0].chunk_id});
    ASSERT_TRUE(first) << first.error().detail;
    ASSERT_EQ(first->size(), 1u);
    EXPECT_EQ((*first)[0].symbol, "parseDiffHunk");
}

TEST_P(VectorSearchTest, AFailingEmbedderLeavesFullTextSearchWorking) {
    WordEmbedder embedder;
    embedder.fail = true;
    auto embedded = EmbedMissingChunks(Db(), summary.repository_id, embedder);
    ASSERT_FALSE(embedded);
    EXPECT_EQ(embedded.error().code, core::Errc::kUnavailable);
    SearchOptions options;
    options.embedder = &embedder;
    auto hits = SearchCode(Db(), summary.repository_id, "parseDiffHunk", 3, options);
    ASSERT_TRUE(hits) << hits.error().detail;
    ASSERT_FALSE(hits->empty());
    EXPECT_EQ((*hits)[0].symbol, "parseDiffHunk");
}

INSTANTIATE_TEST_SUITE_P(Engines, VectorSearchTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::index
