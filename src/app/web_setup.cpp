#include "app/web_setup.hpp"

#include "app/llm_setup.hpp"
#include "core/log.hpp"

#ifndef NECTR_DEFAULT_WEB_DIR
#define NECTR_DEFAULT_WEB_DIR "web/dist"
#endif

namespace nectr::app {

std::shared_ptr<const http::StaticSite> LoadDashboard(const core::Config& config) {
    const std::string dir = config.web_dir.empty() ? NECTR_DEFAULT_WEB_DIR : config.web_dir;
    core::Result<std::shared_ptr<const http::StaticSite>> site = http::StaticSite::Load(dir);
    if (!site) {
        // Only a WEB_DIR someone set is worth a warning: an unbuilt checkout is normal.
        if (config.web_dir.empty()) {
            NECTR_LOG_INFO("web.not_built", "dir={} detail={}", dir, site.error().detail);
        } else {
            NECTR_LOG_WARN("web.unavailable", "dir={} detail={}", dir, site.error().detail);
        }
        return nullptr;
    }
    NECTR_LOG_INFO("web.loaded", "dir={} files={}", dir, (*site)->Size());
    return *site;
}

api::LlmStatus LlmStatusFor(const core::Config& config, bool has_provider) {
    api::LlmStatus status;
    const std::string described = DescribeProvider(config);
    const std::size_t slash = described.find('/');
    status.provider = described.substr(0, slash);
    status.model = slash == std::string::npos ? "" : described.substr(slash + 1);
    status.configured = has_provider;
    return status;
}

}  // namespace nectr::app
