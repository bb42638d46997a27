#include "llm/api_provider.hpp"

#include <utility>

#include "core/log.hpp"

namespace nectr::llm {

ApiProvider::ApiProvider(Codec codec, ApiProviderOptions options, http::Client& client)
    : codec_(codec),
      options_(std::move(options)),
      client_(client),
      price_(ResolvePrice(options_.model, options_.price)) {
    if (!price_) {
        NECTR_LOG_INFO("llm.price_unknown",
                       "provider={} model={} note=\"no price known; costs are reported as 0\"",
                       codec_.name, options_.model);
    }
}

net::awaitable<core::Result<Completion>> ApiProvider::Complete(CompletionRequest request) {
    const auto started = std::chrono::steady_clock::now();
    auto body = codec_.encode(request, options_.model, options_.max_tokens);
    if (!body) {
        co_return body.error();
    }
    http::OutboundRequest out;
    out.method = "POST";
    out.url = options_.url;
    out.headers = options_.headers;
    out.body = std::move(*body);
    out.timeout = options_.timeout;
    auto exchange = co_await SendWithRetries(client_, std::move(out), options_.retry,
                                             options_.hooks, std::string(codec_.name));
    if (!exchange) {
        co_return core::Error{exchange.error().code,
                              std::string(codec_.name) + ": " + exchange.error().detail};
    }
    const http::OutboundResponse& response = exchange->response;
    if (response.status < 200 || response.status > 299) {
        core::Error error = codec_.decode_error(response.status, response.body);
        NECTR_LOG_WARN("llm.call_failed", "provider={} model={} status={} attempts={}", codec_.name,
                       options_.model, response.status, exchange->attempts);
        co_return error;
    }
    auto completion = codec_.decode(response.body);
    if (!completion) {
        co_return completion.error();
    }
    completion->attempts = exchange->attempts;
    completion->latency = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (completion->model.empty()) {
        completion->model = options_.model;
    }
    if (price_) {
        completion->cost_known = true;
        completion->cost_usd = EstimateCostUsd(completion->usage, *price_);
    }
    NECTR_LOG_INFO("llm.call",
                   "provider={} model={} stop={} input_tokens={} output_tokens={} "
                   "cache_read_tokens={} cost_usd={:.6f} latency_ms={} attempts={}",
                   codec_.name, completion->model, completion->raw_stop_reason,
                   completion->usage.input_tokens, completion->usage.output_tokens,
                   completion->usage.cache_read_tokens, completion->cost_usd,
                   completion->latency.count(), completion->attempts);
    co_return std::move(*completion);
}

}  // namespace nectr::llm
