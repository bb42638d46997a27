#include "llm/provider.hpp"

#include <utility>

#include "llm/anthropic_codec.hpp"
#include "llm/api_provider.hpp"
#include "llm/openai_codec.hpp"

namespace nectr::llm {

namespace {

constexpr std::string_view kAnthropicDefaultBase = "https://api.anthropic.com";
constexpr std::string_view kOpenAiDefaultBase = "https://api.openai.com/v1";
constexpr std::string_view kAnthropicVersion = "2023-06-01";
constexpr int kMaxRetriesLimit = 10;

std::string TrimSlashes(std::string_view base) {
    while (base.ends_with('/')) {
        base.remove_suffix(1);
    }
    return std::string(base);
}

bool LooksLikeHttpUrl(std::string_view url) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (url.starts_with(scheme) && url.size() > scheme.size() && url[scheme.size()] != '/') {
            return true;
        }
    }
    return false;
}

std::string Endpoint(ProviderKind kind, std::string_view configured) {
    std::string base =
        TrimSlashes(configured.empty() ? (kind == ProviderKind::kAnthropic ? kAnthropicDefaultBase
                                                                           : kOpenAiDefaultBase)
                                       : configured);
    if (kind == ProviderKind::kOpenAi) {
        return base + "/chat/completions";
    }
    return base.ends_with("/v1") ? base + "/messages" : base + "/v1/messages";
}

core::Result<void> Validate(const ProviderConfig& config, std::string_view name) {
    auto invalid = [name](const std::string& what) {
        return core::MakeError(core::Errc::kInvalidInput, std::string(name) + ": " + what);
    };
    if (config.model.empty()) {
        return invalid("no model configured (LLM_MODEL)");
    }
    if (!config.base_url.empty() && !LooksLikeHttpUrl(config.base_url)) {
        return invalid("the base URL must start with http:// or https:// and name a host");
    }
    if (config.kind == ProviderKind::kAnthropic && config.api_key.empty()) {
        return invalid("an API key is required (ANTHROPIC_API_KEY)");
    }
    if (config.max_tokens < 1) {
        return invalid("max_tokens must be at least 1");
    }
    if (config.max_retries < 0 || config.max_retries > kMaxRetriesLimit) {
        return invalid("max_retries must be between 0 and 10");
    }
    if (config.timeout.count() < 1) {
        return invalid("the timeout must be positive");
    }
    return {};
}

std::vector<http::Header> Headers(const ProviderConfig& config) {
    std::vector<http::Header> headers{{"content-type", "application/json"}};
    if (config.kind == ProviderKind::kAnthropic) {
        headers.push_back({"x-api-key", config.api_key});
        headers.push_back({"anthropic-version", std::string(kAnthropicVersion)});
    } else if (!config.api_key.empty()) {
        headers.push_back({"authorization", "Bearer " + config.api_key});
    }
    for (const auto& extra : config.extra_headers) {
        headers.push_back(extra);
    }
    return headers;
}

}  // namespace

std::string_view ProviderKindName(ProviderKind kind) {
    return kind == ProviderKind::kAnthropic ? "anthropic" : "openai";
}

core::Result<std::unique_ptr<Provider>> MakeProvider(const ProviderConfig& config,
                                                     http::Client& client, RetryHooks hooks) {
    const std::string_view name = ProviderKindName(config.kind);
    if (auto valid = Validate(config, name); !valid) {
        return valid.error();
    }
    ApiProviderOptions options;
    options.url = Endpoint(config.kind, config.base_url);
    options.headers = Headers(config);
    options.model = config.model;
    options.timeout = config.timeout;
    options.max_tokens = config.max_tokens;
    options.retry.max_retries = config.max_retries;
    options.hooks = std::move(hooks);
    options.price = config.price;
    Codec codec =
        config.kind == ProviderKind::kAnthropic
            ? Codec{name, EncodeAnthropicRequest, DecodeAnthropicResponse, DecodeAnthropicError}
            : Codec{name, EncodeOpenAiRequest, DecodeOpenAiResponse, DecodeOpenAiError};
    return std::unique_ptr<Provider>(
        std::make_unique<ApiProvider>(codec, std::move(options), client));
}

}  // namespace nectr::llm
