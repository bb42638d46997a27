#include "app/embedder_setup.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "index/vector_search.hpp"
#include "llm/embeddings.hpp"
#include "llm/retry.hpp"

namespace nectr::app {

namespace {

using Vectors = std::vector<std::vector<float>>;

class HttpEmbedder final : public index::Embedder {
public:
    HttpEmbedder(http::Client& client, llm::EmbeddingsEndpoint endpoint, std::size_t batch,
                 llm::RetryPolicy retry)
        : client_(client),
          endpoint_(std::move(endpoint)),
          batch_(std::max<std::size_t>(batch, 1)),
          retry_(retry) {}

    std::string Model() const override { return endpoint_.model; }

    core::Result<Vectors> Embed(const std::vector<std::string>& texts) override {
        Vectors out;
        out.reserve(texts.size());
        for (std::size_t start = 0; start < texts.size(); start += batch_) {
            const std::size_t end = std::min(texts.size(), start + batch_);
            std::vector<std::string> part;
            part.reserve(end - start);
            for (std::size_t i = start; i < end; ++i) {
                std::string_view text = llm::TruncateUtf8Bytes(texts[i], kMaxEmbeddedTextBytes);
                // OpenAI refuses an empty input, and a blank one embeds the same: nothing.
                part.emplace_back(text.empty() ? std::string_view(" ") : text);
            }
            auto vectors = EmbedPart(part);
            if (!vectors) {
                return vectors.error();
            }
            if (!out.empty() && !vectors->empty() &&
                vectors->front().size() != out.front().size()) {
                return core::MakeError(core::Errc::kUpstream,
                                       "embeddings: the service changed dimension from " +
                                           std::to_string(out.front().size()) + " to " +
                                           std::to_string(vectors->front().size()));
            }
            for (auto& vector : *vectors) {
                out.push_back(std::move(vector));
            }
        }
        return out;
    }

private:
    core::Result<Vectors> EmbedPart(const std::vector<std::string>& part) {
        auto exchange = llm::SendBlockingWithRetries(
            client_, llm::MakeEmbeddingsRequest(endpoint_, part), retry_, "embeddings");
        if (!exchange) {
            return core::Error{exchange.error().code, "embeddings: " + endpoint_.base_url + ": " +
                                                          exchange.error().detail};
        }
        return llm::ReadEmbeddingsResponse(exchange->response, part.size());
    }

    http::Client& client_;
    llm::EmbeddingsEndpoint endpoint_;
    std::size_t batch_;
    llm::RetryPolicy retry_;
};

}  // namespace

std::unique_ptr<index::Embedder> MakeConfiguredEmbedder(const core::Config& config,
                                                        http::Client& client,
                                                        llm::RetryPolicy retry) {
    const core::EmbeddingsConfig& settings = config.embeddings;
    if (!settings.Enabled()) {
        return nullptr;
    }
    llm::EmbeddingsEndpoint endpoint;
    endpoint.base_url = settings.base_url;
    endpoint.api_key = settings.api_key;
    endpoint.model = settings.model;
    return std::make_unique<HttpEmbedder>(client, std::move(endpoint),
                                          static_cast<std::size_t>(settings.batch), retry);
}

std::string DescribeEmbeddings(const core::Config& config) {
    if (!config.embeddings.Enabled()) {
        return "off";
    }
    return config.embeddings.model + " at " + config.embeddings.base_url;
}

EmbeddingReport EmbedIndexedChunks(store::Database& db, std::int64_t repository_id,
                                   index::Embedder& embedder, std::size_t batch,
                                   const std::function<void(std::size_t)>& progress) {
    EmbeddingReport report;
    auto embedded = index::EmbedMissingChunks(db, repository_id, embedder, batch,
                                              [&report, &progress](std::size_t count) {
                                                  report.embedded = count;
                                                  if (progress) {
                                                      progress(count);
                                                  }
                                              });
    if (!embedded) {
        report.failure = embedded.error();
    } else {
        report.embedded = *embedded;
    }
    return report;
}

}  // namespace nectr::app
