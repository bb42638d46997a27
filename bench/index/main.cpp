// Times the code index's query and push paths on an index that `nectr index` built:
//
//   nectr_index_bench search DATABASE_URL REPOSITORY QUERIES_FILE [ROUNDS]
//       every query of the file (one per line) once to warm up, then ROUNDS (default 5) times;
//       prints the latency percentiles of SearchCode and the top hit of each query.
//   nectr_index_bench update DATABASE_URL REPOSITORY CHECKOUT PATH...
//       UpdateFiles for the paths (as after a push) and its wall time.
//   nectr_index_bench index DATABASE_URL REPOSITORY CHECKOUT
//       IndexCheckout, as `nectr index` runs it, for profiling without the whole binary.
//   nectr_index_bench vectors COUNT DIMENSION [QUERIES] [CLUSTERS]
//       nearest neighbours of random vectors in memory: the exact scan against the HNSW index
//       (build time, per-query percentiles, recall@10). With CLUSTERS, the vectors (and
//       queries) lie around that many random centres, as embeddings of related code do;
//       without, they are uniform on the sphere, the hardest case. The exact path of
//       NearestChunks also reads and decodes every stored vector per query, which this leaves
//       out.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "index/indexer.hpp"
#include "index/search.hpp"
#include "index/vector_index.hpp"
#include "index/vector_search.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"
#include "store/sql.hpp"

namespace {

using namespace nectr;
using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    const auto at =
        static_cast<std::size_t>(std::lround(p / 100.0 * static_cast<double>(samples.size() - 1)));
    return samples[std::min(at, samples.size() - 1)];
}

int Search(store::Database& db, std::int64_t repository, const std::string& file, int rounds) {
    std::ifstream in(file);
    std::vector<std::string> queries;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') {
            queries.push_back(line);
        }
    }
    if (queries.empty()) {
        std::fprintf(stderr, "no queries in %s\n", file.c_str());
        return 1;
    }
    for (const std::string& query : queries) {
        auto hits = index::SearchCode(db, repository, query, 10);
        if (!hits) {
            std::fprintf(stderr, "search failed: %s\n", hits.error().detail.c_str());
            return 1;
        }
        std::printf("top  %-28s -> %s:%lld %s\n", query.c_str(),
                    hits->empty() ? "(nothing)" : hits->front().path.c_str(),
                    hits->empty() ? 0LL : static_cast<long long>(hits->front().start_line),
                    hits->empty() ? "" : hits->front().symbol.c_str());
    }
    std::vector<double> samples;
    for (int round = 0; round < rounds; ++round) {
        for (const std::string& query : queries) {
            const auto started = Clock::now();
            auto hits = index::SearchCode(db, repository, query, 10);
            samples.push_back(Milliseconds(Clock::now() - started));
            if (!hits) {
                return 1;
            }
        }
    }
    double sum = 0;
    for (double sample : samples) {
        sum += sample;
    }
    std::printf(
        "search: %zu queries x %d rounds: p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms\n",
        queries.size(), rounds, Percentile(samples, 50), Percentile(samples, 99),
        Percentile(samples, 100), sum / static_cast<double>(samples.size()));
    return 0;
}

int Update(store::Database& db, std::int64_t repository, const std::string& checkout,
           const std::vector<std::string>& paths) {
    const auto started = Clock::now();
    auto summary = index::UpdateFiles(db, repository, checkout, paths, {});
    const double elapsed = Milliseconds(Clock::now() - started);
    if (!summary) {
        std::fprintf(stderr, "update failed: %s\n", summary.error().detail.c_str());
        return 1;
    }
    std::printf("update: %zu paths, %zu parsed, %zu removed in %.0f ms\n", paths.size(),
                summary->files_changed, summary->files_removed, elapsed);
    return 0;
}

int Index(store::Database& db, const std::string& name, const std::string& checkout) {
    index::IndexRequest request;
    request.path = checkout;
    request.repository_full_name = name;
    if (const char* batch = std::getenv("INDEX_BATCH_FILES"); batch != nullptr) {
        request.batch_files = static_cast<std::size_t>(std::atoi(batch));
    }
    auto summary = index::IndexCheckout(db, request);
    if (!summary) {
        std::fprintf(stderr, "index failed: %s\n", summary.error().detail.c_str());
        return 1;
    }
    std::printf("index: %zu files (%zu parsed), %zu symbols, %zu chunks in %.2f s\n",
                summary->files, summary->files_changed, summary->symbols, summary->chunks,
                summary->seconds);
    return 0;
}

// Normal noise around `centres` (picked in turn), or around the origin without centres.
std::vector<std::vector<float>> RandomVectors(std::size_t count, std::size_t dimension,
                                              std::mt19937& random,
                                              const std::vector<std::vector<float>>& centres = {}) {
    std::normal_distribution<float> normal(0.0F, 1.0F);
    const float spread = centres.empty() ? 1.0F : 0.35F;
    std::vector<std::vector<float>> vectors(count, std::vector<float>(dimension));
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t d = 0; d < dimension; ++d) {
            const float centre = centres.empty() ? 0.0F : centres[i % centres.size()][d];
            vectors[i][d] = centre + spread * normal(random);
        }
    }
    return vectors;
}

std::vector<index::VectorMatch> ExactTop(const std::vector<std::vector<float>>& vectors,
                                         const std::vector<float>& query, std::size_t k) {
    std::vector<index::VectorMatch> all;
    all.reserve(vectors.size());
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        all.push_back({static_cast<std::int64_t>(i), index::CosineSimilarity(query, vectors[i])});
    }
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                      [](const auto& a, const auto& b) { return a.similarity > b.similarity; });
    all.resize(k);
    return all;
}

int Vectors(std::size_t count, std::size_t dimension, std::size_t queries, std::size_t clusters) {
    constexpr std::size_t kTop = 10;
    std::mt19937 random(42);
    const auto centres = RandomVectors(clusters, dimension, random);
    const auto vectors = RandomVectors(count, dimension, random, centres);
    std::vector<std::int64_t> ids(count);
    for (std::size_t i = 0; i < count; ++i) {
        ids[i] = static_cast<std::int64_t>(i);
    }
    const auto build_start = Clock::now();
    auto built = index::VectorIndex::Build(ids, vectors);
    if (!built) {
        std::fprintf(stderr, "build failed: %s\n", built.error().detail.c_str());
        return 1;
    }
    const double build_ms = Milliseconds(Clock::now() - build_start);
    std::vector<double> exact_ms;
    std::vector<double> hnsw_ms;
    std::size_t found = 0;
    for (const auto& query : RandomVectors(queries, dimension, random, centres)) {
        auto start = Clock::now();
        const auto exact = ExactTop(vectors, query, kTop);
        exact_ms.push_back(Milliseconds(Clock::now() - start));
        start = Clock::now();
        const auto approximate = (*built)->Search(query, kTop);
        hnsw_ms.push_back(Milliseconds(Clock::now() - start));
        std::set<std::int64_t> wanted;
        for (const auto& match : exact) {
            wanted.insert(match.chunk_id);
        }
        for (const auto& match : approximate) {
            found += wanted.count(match.chunk_id);
        }
    }
    std::printf("vectors: %zu x %zu (%zu clusters), HNSW built in %.0f ms\n", count, dimension,
                clusters, build_ms);
    std::printf("exact scan  p50 %.2f ms  p95 %.2f ms\n", Percentile(exact_ms, 50),
                Percentile(exact_ms, 95));
    std::printf("HNSW search p50 %.3f ms  p95 %.3f ms  recall@10 %.3f\n", Percentile(hnsw_ms, 50),
                Percentile(hnsw_ms, 95), static_cast<double>(found) / (queries * kTop));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 4 && std::string(argv[1]) == "vectors") {
        return Vectors(std::strtoul(argv[2], nullptr, 10), std::strtoul(argv[3], nullptr, 10),
                       argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 200,
                       argc > 5 ? std::strtoul(argv[5], nullptr, 10) : 0);
    }
    if (argc < 5) {
        std::fprintf(stderr,
                     "usage: %s search DATABASE_URL REPOSITORY QUERIES_FILE [ROUNDS]\n"
                     "       %s update DATABASE_URL REPOSITORY CHECKOUT PATH...\n"
                     "       %s index DATABASE_URL REPOSITORY CHECKOUT\n"
                     "       %s vectors COUNT DIMENSION [QUERIES] [CLUSTERS]\n",
                     argv[0], argv[0], argv[0], argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    store::DatabaseOptions options;
    options.url = argv[2];
    auto db = store::OpenDatabase(options);
    if (!db) {
        std::fprintf(stderr, "cannot open the database: %s\n", db.error().detail.c_str());
        return 1;
    }
    if (mode == "index") {
        if (auto migrated = store::ApplyMigrations(**db, store::sql::AllMigrations()); !migrated) {
            std::fprintf(stderr, "cannot migrate: %s\n", migrated.error().detail.c_str());
            return 1;
        }
        return Index(**db, argv[3], argv[4]);
    }
    auto repository = index::FindRepositoryId(**db, argv[3]);
    if (!repository || !*repository) {
        std::fprintf(stderr, "no repository %s in the index\n", argv[3]);
        return 1;
    }
    if (mode == "search") {
        return Search(**db, **repository, argv[4], argc > 5 ? std::atoi(argv[5]) : 5);
    }
    if (mode == "update") {
        return Update(**db, **repository, argv[4], std::vector<std::string>(argv + 5, argv + argc));
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
