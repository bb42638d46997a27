#pragma once

// The embeddings service of EMBEDDINGS_* as the code index's Embedder, and the step that gives
// a freshly indexed repository its vectors. Indexing and review context share one factory.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "http/client.hpp"
#include "index/embedder.hpp"
#include "llm/retry.hpp"
#include "store/database.hpp"

namespace nectr::app {

// Longer texts are cut to this many bytes before they are sent: one huge chunk must not make
// the service refuse its whole batch, and its first 8 KB say what it is about.
inline constexpr std::size_t kMaxEmbeddedTextBytes = 8 * 1024;

// Indexing embeds in bulk with nobody waiting on a request: more tries than a review's model
// call, so that a rate limit (429 with retry-after) or an overloaded local server (503) costs
// seconds instead of the repository's vectors.
inline llm::RetryPolicy EmbeddingsRetryPolicy() {
    llm::RetryPolicy policy;
    policy.max_retries = 4;  // waits of about 0.5, 1, 2 and 4 s, or what the service asks
    return policy;
}

// The configured service, or nullptr when EMBEDDINGS_BASE_URL is not set. Its Embed sends
// EMBEDDINGS_BATCH texts per request, blocking (so never call it on an event loop's thread),
// sends a request again as llm::SendWithRetries would (429, 5xx, a refused or timed-out
// connection; `retry`), and fails on the first request that stays refused: errors name the
// service, the status and its message. `client` must outlive the embedder.
std::unique_ptr<index::Embedder> MakeConfiguredEmbedder(
    const core::Config& config, http::Client& client,
    llm::RetryPolicy retry = EmbeddingsRetryPolicy());

// "nomic-embed-text at http://localhost:11434/v1", or "off": for logs and `nectr doctor`.
std::string DescribeEmbeddings(const core::Config& config);

struct EmbeddingReport {
    std::size_t embedded = 0;  // chunks that got a vector, also when a later batch failed
    std::optional<core::Error> failure;
};

// Embeds the repository's chunks that have no vector of the embedder's model yet. A failure
// is reported rather than returned: the text index stands without vectors, and the next run
// embeds what is still missing. `progress` hears the running count. Blocks.
EmbeddingReport EmbedIndexedChunks(store::Database& db, std::int64_t repository_id,
                                   index::Embedder& embedder, std::size_t batch,
                                   const std::function<void(std::size_t)>& progress = {});

}  // namespace nectr::app
