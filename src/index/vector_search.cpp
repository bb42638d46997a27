#include "index/vector_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "store/sql.hpp"

namespace nectr::index {
namespace {

using store::AsInt;
using store::AsText;

Result<void> StoreVectors(store::Database& db, const std::vector<std::int64_t>& ids,
                          const std::vector<std::vector<float>>& vectors,
                          const std::string& model) {
    return store::InTransaction(db, [&](store::Connection& conn) -> Result<void> {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const store::Value params[] = {ids[i], store::Blob{EncodeVector(vectors[i])}, model};
            if (auto done = conn.Execute(store::sql::kIndexSetEmbedding, params); !done) {
                return done.error();
            }
        }
        return {};
    });
}

}  // namespace

std::string EncodeVector(std::span<const float> values) {
    std::string bytes(values.size() * 4, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &values[i], 4);
        for (std::size_t b = 0; b < 4; ++b) {
            bytes[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
        }
    }
    return bytes;
}

std::optional<std::vector<float>> DecodeVector(std::string_view bytes) {
    if (bytes.size() % 4 != 0) {
        return std::nullopt;
    }
    std::vector<float> values(bytes.size() / 4);
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint32_t bits = 0;
        for (std::size_t b = 0; b < 4; ++b) {
            bits |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b]))
                    << (8 * b);
        }
        std::memcpy(&values[i], &bits, 4);
    }
    return values;
}

float CosineSimilarity(std::span<const float> a, std::span<const float> b) {
    if (a.size() != b.size() || a.empty()) {
        return 0;
    }
    double dot = 0;
    double norm_a = 0;
    double norm_b = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += static_cast<double>(a[i]) * b[i];
        norm_a += static_cast<double>(a[i]) * a[i];
        norm_b += static_cast<double>(b[i]) * b[i];
    }
    if (norm_a == 0 || norm_b == 0) {
        return 0;
    }
    return static_cast<float>(dot / (std::sqrt(norm_a) * std::sqrt(norm_b)));
}

Result<std::size_t> EmbedMissingChunks(store::Database& db, std::int64_t repository_id,
                                       Embedder& embedder, std::size_t batch,
                                       const std::function<void(std::size_t)>& progress) {
    const std::string model = embedder.Model();
    std::size_t embedded = 0;
    while (true) {
        const store::Value params[] = {repository_id, model,
                                       static_cast<std::int64_t>(std::max<std::size_t>(1, batch))};
        auto rows = store::Execute(db, store::sql::kIndexChunksWithoutEmbedding, params);
        if (!rows) {
            return rows.error();
        }
        if (rows->empty()) {
            return embedded;
        }
        std::vector<std::int64_t> ids;
        std::vector<std::string> texts;
        for (const auto& row : rows->rows) {
            ids.push_back(AsInt(row[0]).value_or(0));
            texts.push_back(AsText(row[1]).value_or(""));
        }
        auto vectors = embedder.Embed(texts);
        if (!vectors) {
            return vectors.error();
        }
        if (vectors->size() != texts.size()) {
            return core::MakeError(core::Errc::kUpstream,
                                   "the embedder returned " + std::to_string(vectors->size()) +
                                       " vectors for " + std::to_string(texts.size()) + " texts");
        }
        if (auto stored = StoreVectors(db, ids, *vectors, model); !stored) {
            return stored.error();
        }
        embedded += ids.size();
        if (progress) {
            progress(embedded);
        }
    }
}

Result<std::vector<VectorMatch>> ExactNearestChunks(store::Database& db, std::int64_t repository_id,
                                                    const std::string& model,
                                                    std::span<const float> wanted,
                                                    std::size_t limit) {
    const store::Value params[] = {repository_id, model};
    auto rows = store::Execute(db, store::sql::kIndexEmbeddings, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<VectorMatch> matches;
    matches.reserve(rows->size());
    for (const auto& row : rows->rows) {
        const auto* blob = std::get_if<store::Blob>(&row[1]);
        auto vector = blob != nullptr ? DecodeVector(blob->bytes) : std::nullopt;
        if (vector) {
            matches.push_back(
                VectorMatch{AsInt(row[0]).value_or(0), CosineSimilarity(wanted, *vector)});
        }
    }
    const std::size_t keep = std::min(limit, matches.size());
    std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(keep),
                      matches.end(), [](const VectorMatch& a, const VectorMatch& b) {
                          return a.similarity != b.similarity ? a.similarity > b.similarity
                                                              : a.chunk_id < b.chunk_id;
                      });
    matches.resize(keep);
    return matches;
}

Result<std::vector<VectorMatch>> NearestChunks(store::Database& db, std::int64_t repository_id,
                                               Embedder& embedder, std::string_view query,
                                               std::size_t limit, VectorIndexCache& cache) {
    auto embedded = embedder.Embed({std::string(query)});
    if (!embedded) {
        return embedded.error();
    }
    if (embedded->size() != 1) {
        return core::MakeError(core::Errc::kUpstream, "the embedder returned no query vector");
    }
    const std::vector<float>& wanted = embedded->front();
    const std::string model = embedder.Model();
    auto approximate = cache.Find(db, repository_id, model);
    if (!approximate) {
        return approximate.error();
    }
    if (*approximate) {
        return (*approximate)->Search(wanted, limit);
    }
    return ExactNearestChunks(db, repository_id, model, wanted, limit);
}

Result<std::vector<VectorMatch>> NearestChunks(store::Database& db, std::int64_t repository_id,
                                               Embedder& embedder, std::string_view query,
                                               std::size_t limit) {
    return NearestChunks(db, repository_id, embedder, query, limit, SharedVectorIndexCache());
}

}  // namespace nectr::index
