#pragma once

// Which model provider the configuration asks for, built once per process.
#include <memory>

#include "core/config.hpp"
#include "http/client.hpp"
#include "llm/provider.hpp"
#include "review/pipeline.hpp"

namespace nectr::app {

// nullptr when no provider is configured (LLM_PROVIDER=none, or no key and no local base URL):
// reviews then run the offline analyzers only. kInvalidInput names the setting that is wrong.
core::Result<std::unique_ptr<llm::Provider>> MakeConfiguredProvider(const core::Config& config,
                                                                    http::Client& client);

// "anthropic/claude-...", "openai/gpt-...", or "none": for logs and `nectr doctor`.
std::string DescribeProvider(const core::Config& config);

// The pipeline's settings from REVIEW_*: tool steps, specialist passes, part size.
review::PipelineOptions ReviewOptionsFor(const core::Config& config);

}  // namespace nectr::app
