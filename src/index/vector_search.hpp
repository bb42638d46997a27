#pragma once

// Dense vectors of chunks: stored as float32 little-endian blobs, compared by cosine in process:
// exactly (every vector read per query) for a small repository, through a cached HNSW graph
// (vector_index.hpp) for a large one.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "index/embedder.hpp"
#include "index/vector_index.hpp"
#include "store/database.hpp"

namespace nectr::index {

using core::Result;

// float32 values, little-endian, as the chunks.embedding column stores them. Pure.
std::string EncodeVector(std::span<const float> values);
// nullopt when the size is not a multiple of four bytes. Pure.
std::optional<std::vector<float>> DecodeVector(std::string_view bytes);
// Cosine similarity; 0 when the dimensions differ or a vector is zero. Pure.
float CosineSimilarity(std::span<const float> a, std::span<const float> b);

// Embeds every chunk of the repository that has no vector of embedder.Model() yet, `batch`
// texts per call, each batch written in one transaction. Returns how many were embedded;
// `progress`, when set, hears the running count after each batch. Blocks. Errors: the
// embedder's (chunks embedded before stay) or the store's.
Result<std::size_t> EmbedMissingChunks(store::Database& db, std::int64_t repository_id,
                                       Embedder& embedder, std::size_t batch = 64,
                                       const std::function<void(std::size_t)>& progress = {});

// The `limit` chunks whose vectors of embedder.Model() are most similar to the query's, most
// similar first. With `cache`'s index of the repository and model when it has one (enough
// vectors: approximate), else by an exact scan. Blocks (one Embed call; one query, or a read of
// the repository's vectors).
Result<std::vector<VectorMatch>> NearestChunks(store::Database& db, std::int64_t repository_id,
                                               Embedder& embedder, std::string_view query,
                                               std::size_t limit, VectorIndexCache& cache);
// As above with the process's cache (SharedVectorIndexCache).
Result<std::vector<VectorMatch>> NearestChunks(store::Database& db, std::int64_t repository_id,
                                               Embedder& embedder, std::string_view query,
                                               std::size_t limit);

// Every vector of the repository and model compared with `wanted`: the `limit` most similar,
// most similar first (ties by chunk id). Blocks (one read). Errors: the store's.
Result<std::vector<VectorMatch>> ExactNearestChunks(store::Database& db, std::int64_t repository_id,
                                                    const std::string& model,
                                                    std::span<const float> wanted,
                                                    std::size_t limit);

}  // namespace nectr::index
