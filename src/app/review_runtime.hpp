#pragma once

// What a process that runs review jobs builds once: the outbound HTTP client, the configured
// model provider (or none), and the services the review handlers share.
#include <memory>

#include "app/review_job.hpp"

namespace nectr::app {

struct ReviewRuntime {
    // GitHub's client keeps libcurl's modest per-host limit; the model's has room for every
    // review that may wait on it at once, because a request queued inside curl spends its
    // timeout waiting for a connection.
    std::unique_ptr<http::Client> http;
    std::unique_ptr<http::Client> model_http;
    std::unique_ptr<llm::Provider> provider;  // null: offline analyzers only
    std::unique_ptr<ReviewServices> services;
};

// kInvalidInput when the model settings are wrong (the detail names the setting).
core::Result<ReviewRuntime> StartReviewRuntime(const core::Config& config,
                                               store::Database& database, core::BlockingPool& pool,
                                               const core::Clock& clock);

}  // namespace nectr::app
