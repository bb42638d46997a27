#pragma once

// Approximate nearest neighbours over one repository's vectors of one model: an HNSW graph
// (hnswlib) on normalised vectors in inner-product space, so that the distance it orders by is
// one minus the cosine. Built in process from the stored vectors and cached until they change:
// an exact scan reads and compares every vector per query, which a repository of a couple of
// hundred thousand chunks notices.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::index {

using core::Result;

struct VectorMatch {
    std::int64_t chunk_id = 0;
    float similarity = 0;
};

// Below this many vectors of a model, a repository is searched exactly.
inline constexpr std::size_t kApproximateSearchThreshold = 1000;

// What the stored vectors of a repository and model look like from outside: when any part
// changes, a cached index is stale.
struct VectorSignature {
    std::int64_t count = 0;
    std::int64_t max_chunk_id = 0;
    std::int64_t chunk_id_sum = 0;

    bool operator==(const VectorSignature&) const = default;
};

// One query. Blocks. Errors: the store's.
Result<VectorSignature> ReadVectorSignature(store::Database& db, std::int64_t repository_id,
                                            const std::string& model);

// An HNSW graph of vectors of one dimension, each labelled with its chunk id. Searching is safe
// from several threads at once; the graph is never changed after it is built.
class VectorIndex {
public:
    ~VectorIndex();
    VectorIndex(const VectorIndex&) = delete;
    VectorIndex& operator=(const VectorIndex&) = delete;

    // Vectors whose dimension differs from the first one's, or that are all zeros, are left
    // out (their cosine with anything is 0). kInvalidInput when the sizes of `chunk_ids` and
    // `vectors` differ; kInternal when the graph cannot be built (out of memory).
    static Result<std::unique_ptr<VectorIndex>> Build(std::span<const std::int64_t> chunk_ids,
                                                      std::span<const std::vector<float>> vectors);

    // The `limit` nearest vectors to `query` by cosine, most similar first (ties by chunk id).
    // Empty when the query's dimension is not the index's or the query is all zeros.
    std::vector<VectorMatch> Search(std::span<const float> query, std::size_t limit) const;

    std::size_t Size() const { return size_; }
    std::size_t Dimension() const { return dimension_; }

private:
    struct Graph;
    VectorIndex(std::unique_ptr<Graph> graph, std::size_t size, std::size_t dimension);

    std::unique_ptr<Graph> graph_;
    std::size_t size_ = 0;
    std::size_t dimension_ = 0;
};

// The indexes of the most recently used (repository, model) pairs of one database. Each
// lookup reads the signature; a stale index is rebuilt from the stored vectors. Thread-safe,
// and a rebuild holds up no other lookup: while one runs, lookups of the same pair get the
// previous index, or none (the caller then scans exactly).
class VectorIndexCache {
public:
    // Pairs with fewer than `min_vectors` vectors get no index; at most `capacity` are kept.
    explicit VectorIndexCache(std::size_t min_vectors = kApproximateSearchThreshold,
                              std::size_t capacity = 4);

    // The current index of the pair, or nullptr when it has fewer than min_vectors vectors
    // (or has none yet and another lookup is building it). Blocks (a query; a read of every
    // vector and a build when the index is stale: seconds for 100,000 vectors). Errors: the
    // store's, or Build's.
    Result<std::shared_ptr<const VectorIndex>> Find(store::Database& db, std::int64_t repository_id,
                                                    const std::string& model);

    // How many indexes were built since construction: what the tests watch.
    std::size_t Builds() const;

private:
    using Key = std::pair<std::int64_t, std::string>;
    struct Slot {
        std::mutex build_mutex;  // held by the one lookup that rebuilds the index
        // Under the cache's mutex_:
        VectorSignature signature;
        std::shared_ptr<const VectorIndex> index;
        std::uint64_t last_used = 0;
    };

    std::shared_ptr<Slot> SlotFor(const Key& key);
    // The slot's index when it matches `signature`; otherwise nullptr, or with !fresh_only the
    // stale one.
    std::shared_ptr<const VectorIndex> Current(const Slot& slot, const VectorSignature& signature,
                                               bool fresh_only) const;

    const std::size_t min_vectors_;
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::map<Key, std::shared_ptr<Slot>> slots_;
    std::uint64_t uses_ = 0;
    std::size_t builds_ = 0;
};

// The process's cache, used by NearestChunks unless it is given another. A process serves one
// database, so repository ids identify repositories.
VectorIndexCache& SharedVectorIndexCache();

}  // namespace nectr::index
