#pragma once

// The seam between Nectr and a language model: one interface, an implementation per API
// family (Anthropic Messages, OpenAI-compatible chat completions), chosen by configuration.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/client.hpp"
#include "llm/message.hpp"
#include "llm/pricing.hpp"
#include "llm/retry.hpp"

namespace nectr::llm {

namespace net = boost::asio;

class Provider {
public:
    virtual ~Provider() = default;

    // Sends one request and returns the model's answer with its usage, estimated cost,
    // latency and attempt count. Retries 408/429/5xx/529 and transport failures as the
    // configuration allows (see retry.hpp). Errors, with the API's own message in the detail:
    // kInvalidInput (400/422, or a request that cannot be encoded), kUnauthorized (401),
    // kForbidden (403), kNotFound (404: usually a wrong model or base URL), kTooLarge (413),
    // kRateLimited (429 after the retries), kUnavailable (529/503 after the retries, or no
    // connection), kTimeout, kUpstream (other statuses, or a body that is not the API's
    // shape). Never blocks the calling thread. The request is taken by value: the coroutine
    // frame owns it.
    virtual net::awaitable<core::Result<Completion>> Complete(CompletionRequest request) = 0;

    // "anthropic" or "openai".
    virtual std::string_view Name() const = 0;
    // The configured model, as sent in requests.
    virtual const std::string& Model() const = 0;
};

enum class ProviderKind { kAnthropic, kOpenAi };

// "anthropic" or "openai".
std::string_view ProviderKindName(ProviderKind kind);

struct ProviderConfig {
    ProviderKind kind = ProviderKind::kAnthropic;
    // Empty: https://api.anthropic.com or https://api.openai.com/v1. Anthropic's path
    // /v1/messages is appended (a base that already ends in /v1 is accepted too); the
    // OpenAI-compatible path /chat/completions is appended as is, so local servers are
    // given with their /v1 (http://localhost:11434/v1 for Ollama).
    std::string base_url;
    std::string api_key;  // required for Anthropic; optional for OpenAI-compatible servers
    std::string model;
    std::chrono::milliseconds timeout{300 * 1000};  // one HTTP exchange, connect to last byte
    int max_tokens = 4096;                          // when a request does not say
    int max_retries = 2;
    std::vector<http::Header> extra_headers;  // e.g. OpenRouter's HTTP-Referer, a proxy's auth
    PriceOverride price;
};

// Builds the provider. Errors (kInvalidInput): no model, a base URL that is not http(s),
// Anthropic without an API key, max_tokens < 1, max_retries outside 0..10, timeout < 1 ms.
// `client` must outlive the provider. `hooks` replaces the retry wait and jitter (tests).
core::Result<std::unique_ptr<Provider>> MakeProvider(const ProviderConfig& config,
                                                     http::Client& client, RetryHooks hooks = {});

}  // namespace nectr::llm
