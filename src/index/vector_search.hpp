#pragma once

// Dense vectors of chunks: stored as float32 little-endian blobs, compared exactly (cosine)
// in process. Exact search reads every vector of the repository per query, which is fine for
// the tens of thousands of chunks of one repository.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "index/embedder.hpp"
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
// texts per call, each batch written in one transaction. Returns how many were embedded.
// Blocks. Errors: the embedder's (chunks embedded before stay) or the store's.
Result<std::size_t> EmbedMissingChunks(store::Database& db, std::int64_t repository_id,
                                       Embedder& embedder, std::size_t batch = 64);

struct VectorMatch {
    std::int64_t chunk_id = 0;
    float similarity = 0;
};

// The `limit` chunks whose vectors of embedder.Model() are most similar to the query's, most
// similar first. Blocks (one Embed call, one read of the repository's vectors).
Result<std::vector<VectorMatch>> NearestChunks(store::Database& db, std::int64_t repository_id,
                                               Embedder& embedder, std::string_view query,
                                               std::size_t limit);

}  // namespace nectr::index
