#include "app/review_runtime.hpp"

#include <algorithm>

#include "app/llm_setup.hpp"
#include "core/log.hpp"
#include "core/version.hpp"

namespace nectr::app {

core::Result<ReviewRuntime> StartReviewRuntime(const core::Config& config,
                                               store::Database& database, core::BlockingPool& pool,
                                               const core::Clock& clock) {
    ReviewRuntime runtime;
    runtime.http =
        http::MakeCurlClient({.user_agent = std::string("nectr/") + core::kVersion, .ca_file = {}});
    const auto model_connections = static_cast<std::size_t>(std::max(config.workers, 16)) + 16;
    runtime.model_http = http::MakeCurlClient({.user_agent = std::string("nectr/") + core::kVersion,
                                               .max_connections_per_host = model_connections,
                                               .max_total_connections = model_connections,
                                               .ca_file = {}});
    auto provider = MakeConfiguredProvider(config, *runtime.model_http);
    if (!provider) {
        return provider.error();
    }
    runtime.provider = std::move(*provider);
    if (!runtime.provider) {
        NECTR_LOG_WARN("review.no_model",
                       "note=\"no model configured (ANTHROPIC_API_KEY, OPENAI_API_KEY or "
                       "OPENAI_BASE_URL): reviews run the offline analyzers only\"");
    } else {
        NECTR_LOG_INFO("review.model", "provider={}", DescribeProvider(config));
    }
    runtime.services = std::make_unique<ReviewServices>(database, pool, *runtime.http, clock,
                                                        config, runtime.provider.get());
    return runtime;
}

}  // namespace nectr::app
