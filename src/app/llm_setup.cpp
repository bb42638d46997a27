#include "app/llm_setup.hpp"

namespace nectr::app {

namespace {

// The provider the settings name: LLM_PROVIDER when set, otherwise Anthropic when its key is
// set, otherwise an OpenAI-compatible server when a key or a non-default base URL is set.
std::string ChosenProvider(const core::Config& config) {
    if (!config.llm.provider.empty()) {
        return config.llm.provider;
    }
    if (!config.anthropic.api_key.empty()) {
        return "anthropic";
    }
    if (!config.openai.api_key.empty() || config.openai.base_url != "https://api.openai.com/v1") {
        return "openai";
    }
    return "none";
}

}  // namespace

std::string DescribeProvider(const core::Config& config) {
    const std::string kind = ChosenProvider(config);
    if (kind == "anthropic") {
        return kind + "/" + (config.llm.model.empty() ? config.anthropic.model : config.llm.model);
    }
    if (kind == "openai") {
        return kind + "/" + (config.llm.model.empty() ? config.openai.model : config.llm.model);
    }
    return "none";
}

core::Result<std::unique_ptr<llm::Provider>> MakeConfiguredProvider(const core::Config& config,
                                                                    http::Client& client) {
    const std::string kind = ChosenProvider(config);
    if (kind == "none") {
        return std::unique_ptr<llm::Provider>();
    }
    llm::ProviderConfig provider;
    if (kind == "anthropic") {
        provider.kind = llm::ProviderKind::kAnthropic;
        provider.base_url = config.anthropic.base_url;
        provider.api_key = config.anthropic.api_key;
        provider.model = config.anthropic.model;
    } else {
        provider.kind = llm::ProviderKind::kOpenAi;
        provider.base_url = config.openai.base_url;
        provider.api_key = config.openai.api_key;
        provider.model = config.openai.model;
    }
    if (!config.llm.model.empty()) {
        provider.model = config.llm.model;
    }
    provider.timeout = std::chrono::seconds(config.llm.timeout_seconds);
    provider.max_tokens = config.llm.max_tokens;
    provider.max_retries = config.llm.max_retries;
    if (config.llm.price_input_per_mtok >= 0) {
        provider.price.input_per_mtok = config.llm.price_input_per_mtok;
    }
    if (config.llm.price_output_per_mtok >= 0) {
        provider.price.output_per_mtok = config.llm.price_output_per_mtok;
    }
    return llm::MakeProvider(provider, client);
}

review::PipelineOptions ReviewOptionsFor(const core::Config& config) {
    review::PipelineOptions options;
    options.max_tool_steps = config.review.max_tool_steps;
    options.specialist_passes = config.review.specialist_passes;
    options.packing.part_token_budget = config.review.part_token_budget;
    return options;
}

}  // namespace nectr::app
