#pragma once

// The dashboard and the settings page's view of the service, built once for `nectr serve`.
#include <memory>

#include "api/status.hpp"
#include "core/config.hpp"
#include "http/static_files.hpp"

namespace nectr::app {

// The built dashboard from WEB_DIR, or from the web/dist of the checkout the binary was built
// from. nullptr (logged) when it is not built: "/" then shows the short page instead.
std::shared_ptr<const http::StaticSite> LoadDashboard(const core::Config& config);

// The provider and model reviews use, and whether one is configured (`has_provider`).
api::LlmStatus LlmStatusFor(const core::Config& config, bool has_provider);

}  // namespace nectr::app
