// The approximate path of vector search: HNSW recall against the exact scan, the cache's
// rebuild when vectors are stored, and models that never mix.
#include "index/vector_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "index/candidates.hpp"
#include "index/vector_search.hpp"
#include "support/process.hpp"
#include "unit/index/fixture_repo.hpp"
#include "unit/index/index_test_base.hpp"
#include "unit/index/word_embedder.hpp"

namespace nectr::index {
namespace {

std::vector<std::vector<float>> RandomVectors(std::size_t count, std::size_t dimension,
                                              std::mt19937& random) {
    std::normal_distribution<float> normal(0.0F, 1.0F);
    std::vector<std::vector<float>> vectors(count, std::vector<float>(dimension));
    for (auto& vector : vectors) {
        for (float& value : vector) {
            value = normal(random);
        }
    }
    return vectors;
}

std::vector<std::int64_t> ExactTop(const std::vector<std::vector<float>>& vectors,
                                   const std::vector<std::int64_t>& ids,
                                   const std::vector<float>& query, std::size_t k) {
    std::vector<VectorMatch> all;
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        all.push_back(VectorMatch{ids[i], CosineSimilarity(query, vectors[i])});
    }
    std::partial_sort(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
        [](const VectorMatch& a, const VectorMatch& b) { return a.similarity > b.similarity; });
    std::vector<std::int64_t> top;
    for (std::size_t i = 0; i < k; ++i) {
        top.push_back(all[i].chunk_id);
    }
    return top;
}

TEST(VectorIndexTest, RecallAtTenAgainstTheExactScanIsAtLeastNinetyPercent) {
    constexpr std::size_t kCount = 2000;
    constexpr std::size_t kQueries = 50;
    constexpr std::size_t kTop = 10;
    std::mt19937 random(7);
    const auto vectors = RandomVectors(kCount, 64, random);
    std::vector<std::int64_t> ids(kCount);
    for (std::size_t i = 0; i < kCount; ++i) {
        ids[i] = static_cast<std::int64_t>(1000 + 3 * i);  // labels are chunk ids, not positions
    }
    auto index = VectorIndex::Build(ids, vectors);
    ASSERT_TRUE(index) << index.error().detail;
    EXPECT_EQ((*index)->Size(), kCount);
    EXPECT_EQ((*index)->Dimension(), 64u);

    const auto queries = RandomVectors(kQueries, 64, random);
    std::size_t found = 0;
    for (const auto& query : queries) {
        const auto exact = ExactTop(vectors, ids, query, kTop);
        const auto approximate = (*index)->Search(query, kTop);
        ASSERT_EQ(approximate.size(), kTop);
        EXPECT_TRUE(std::is_sorted(approximate.begin(), approximate.end(),
                                   [](const VectorMatch& a, const VectorMatch& b) {
                                       return a.similarity > b.similarity;
                                   }));
        const std::set<std::int64_t> wanted(exact.begin(), exact.end());
        for (const VectorMatch& match : approximate) {
            found += wanted.count(match.chunk_id);
        }
    }
    const double recall = static_cast<double>(found) / (kQueries * kTop);
    EXPECT_GE(recall, 0.9);

    // The similarity reported is the cosine.
    const auto best = (*index)->Search(vectors[5], 1);
    ASSERT_EQ(best.size(), 1u);
    EXPECT_EQ(best[0].chunk_id, ids[5]);
    EXPECT_NEAR(best[0].similarity, 1.0F, 1e-4);
}

TEST(VectorIndexTest, SkipsZeroAndMisfitVectorsAndAnswersNothingToAnotherDimension) {
    const std::vector<std::vector<float>> vectors = {{1, 0, 0}, {0, 0, 0}, {1, 1}, {0, 1, 0}};
    const std::vector<std::int64_t> ids = {1, 2, 3, 4};
    auto index = VectorIndex::Build(ids, vectors);
    ASSERT_TRUE(index) << index.error().detail;
    EXPECT_EQ((*index)->Size(), 2u);
    const auto hits = (*index)->Search(std::vector<float>{0, 2, 0}, 5);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].chunk_id, 4);
    EXPECT_TRUE((*index)->Search(std::vector<float>{0, 1}, 5).empty());
    EXPECT_FALSE(VectorIndex::Build(std::vector<std::int64_t>{1}, {}));
}

class VectorIndexCacheTest : public IndexTest {
protected:
    void SetUp() override {
        IndexTest::SetUp();
        fixture::CreateRepository(dir.Path());
        summary = MustIndex(dir.Path());
    }

    // The symbol of the nearest chunk to `query`, through `cache`.
    std::string NearestSymbol(Embedder& embedder, const std::string& query,
                              VectorIndexCache& cache) {
        auto nearest = NearestChunks(Db(), summary.repository_id, embedder, query, 3, cache);
        EXPECT_TRUE(nearest) << nearest.error().detail;
        if (!nearest || nearest->empty()) {
            return "";
        }
        auto first = LoadCandidates(Db(), {(*nearest)[0].chunk_id});
        EXPECT_TRUE(first) << first.error().detail;
        return first && !first->empty() ? (*first)[0].symbol : "";
    }

    // The parseDiffHunk chunk's own text, which is nearest to itself.
    static std::string ParserBody() {
        std::string body;
        int line = 1;
        for (char c : fixture::Files().at("src/diff/parser.ts")) {
            if (line >= fixture::kParseDiffHunkComment && line <= fixture::kParseDiffHunkEnd) {
                body.push_back(c);
            }
            line += c == '\n' ? 1 : 0;
        }
        return body;
    }

    testing::TempDir dir;
    IndexSummary summary;
};

TEST_P(VectorIndexCacheTest, RebuildsAfterNewVectorsAreStored) {
    WordEmbedder embedder;
    ASSERT_TRUE(EmbedMissingChunks(Db(), summary.repository_id, embedder));
    VectorIndexCache cache(1);  // every repository gets an index, however small
    EXPECT_EQ(NearestSymbol(embedder, ParserBody(), cache), "parseDiffHunk");
    EXPECT_EQ(NearestSymbol(embedder, ParserBody(), cache), "parseDiffHunk");
    EXPECT_EQ(cache.Builds(), 1u) << "unchanged vectors reuse the index";
    auto signature = ReadVectorSignature(Db(), summary.repository_id, embedder.Model());
    ASSERT_TRUE(signature) << signature.error().detail;
    EXPECT_EQ(signature->count, static_cast<std::int64_t>(summary.chunks));

    fixture::WriteFile(dir.Path(), "src/zoo/stripes.ts",
                       "export function countZebraStripes(zebra: Zebra): number {\n"
                       "  return zebra.stripes.length;\n"
                       "}\n");
    fixture::Git(dir.Path(), {"add", "-A"});
    fixture::Git(dir.Path(), {"commit", "-q", "-m", "zebra"});
    const IndexSummary again = MustIndex(dir.Path());
    auto embedded = EmbedMissingChunks(Db(), again.repository_id, embedder);
    ASSERT_TRUE(embedded) << embedded.error().detail;
    EXPECT_GE(*embedded, 1u);
    EXPECT_EQ(NearestSymbol(embedder, "count zebra stripes", cache), "countZebraStripes");
    EXPECT_EQ(cache.Builds(), 2u) << "the new vector made the cached index stale";
}

TEST_P(VectorIndexCacheTest, AnotherModelsVectorsAreNeverCompared) {
    WordEmbedder embedder;
    ASSERT_TRUE(EmbedMissingChunks(Db(), summary.repository_id, embedder));
    WordEmbedder other("other-model");
    for (std::size_t min_vectors : {std::size_t{1}, std::size_t{1000}}) {
        VectorIndexCache cache(min_vectors);  // the approximate path, then the exact one
        auto nearest =
            NearestChunks(Db(), summary.repository_id, other, "parse diff hunk", 5, cache);
        ASSERT_TRUE(nearest) << nearest.error().detail;
        EXPECT_TRUE(nearest->empty());
        EXPECT_EQ(cache.Builds(), 0u);
    }
    VectorIndexCache small_only(1000);
    EXPECT_EQ(NearestSymbol(embedder, ParserBody(), small_only), "parseDiffHunk");
    EXPECT_EQ(small_only.Builds(), 0u) << "below the threshold the scan is exact";
}

INSTANTIATE_TEST_SUITE_P(Engines, VectorIndexCacheTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::index
