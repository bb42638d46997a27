#include "app/routes.hpp"

#include "api/index_page.hpp"
#include "api/metrics_endpoint.hpp"

namespace nectr::app {

http::Router BuildRoutes(const RouteDeps& deps) {
    http::Router router;
    if (deps.web) {
        router.Add({"GET", "/", http::MakeStaticSiteHandler(deps.web)});
        router.SetFallback({"GET", "/{page...}", http::MakeStaticSiteHandler(deps.web)});
    } else {
        router.Add({"GET", "/", api::MakeIndexHandler(deps.health.environment)});
    }
    router.Add({"GET", "/health", api::MakeHealthHandler(deps.health)});
    router.Add({"GET", "/metrics",
                api::MakeMetricsHandler(*deps.metrics, deps.health.pool, deps.refresh_metrics)});
    router.Add({"POST", "/api/v1/webhooks/github",
                webhooks::MakeGitHubWebhookHandler(deps.webhooks), webhooks::kWebhookMaxBodyBytes});
    api::AddReadApiRoutes(router, deps.read_api);
    auth::AddAuthRoutes(router, deps.auth);
    api::AddRepoApiRoutes(router, deps.repos);
    api::AddGraphRoutes(router, deps.graph);
    api::AddMemoryRoutes(router, deps.memory);
    api::AddStatusRoute(router, deps.status);
    if (deps.mcp.server != nullptr) {
        mcp::AddMcpRoutes(router, deps.mcp);
    }
    return router;
}

}  // namespace nectr::app
