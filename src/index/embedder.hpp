#pragma once

// The seam for dense vectors: an embeddings API (OpenAI-compatible /v1/embeddings, a local
// model server) behind one call. Optional: without one, search is full text and proximity.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace nectr::index {

class Embedder {
public:
    virtual ~Embedder() = default;
    // The model's name, stored with each vector: vectors of different models never mix.
    virtual std::string Model() const = 0;
    // One vector per text, in order, all of one dimension. Blocks. Errors as the service's.
    virtual core::Result<std::vector<std::vector<float>>> Embed(
        const std::vector<std::string>& texts) = 0;
};

}  // namespace nectr::index
