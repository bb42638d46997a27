#pragma once

// The Provider both API families share: encode, send with retries, decode, price. Only the
// codec differs between Anthropic and the OpenAI-compatible servers.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/client.hpp"
#include "llm/provider.hpp"

namespace nectr::llm {

struct Codec {
    std::string_view name;  // "anthropic", "openai"
    core::Result<std::string> (*encode)(const CompletionRequest&, std::string_view model,
                                        int default_max_tokens);
    core::Result<Completion> (*decode)(std::string_view body);
    core::Error (*decode_error)(int status, std::string_view body);
};

struct ApiProviderOptions {
    std::string url;                    // the full endpoint
    std::vector<http::Header> headers;  // authentication, version, content type, extras
    std::string model;
    std::chrono::milliseconds timeout{300 * 1000};
    int max_tokens = 4096;
    RetryPolicy retry;
    RetryHooks hooks;
    PriceOverride price;
};

class ApiProvider final : public Provider {
public:
    ApiProvider(Codec codec, ApiProviderOptions options, http::Client& client);

    net::awaitable<core::Result<Completion>> Complete(CompletionRequest request) override;
    std::string_view Name() const override { return codec_.name; }
    const std::string& Model() const override { return options_.model; }

private:
    Codec codec_;
    ApiProviderOptions options_;
    http::Client& client_;
    // Looked up once: the configured model's price (the response's model name may carry a
    // date suffix, but it is the configured one that is billed).
    std::optional<Price> price_;
};

}  // namespace nectr::llm
