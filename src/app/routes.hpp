#pragma once

#include "api/graph_routes.hpp"
#include "api/health.hpp"
#include "api/memory_routes.hpp"
#include "api/read_routes.hpp"
#include "api/repo_routes.hpp"
#include "api/status.hpp"
#include "auth/routes.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "mcp/http_transport.hpp"
#include "webhooks/receiver.hpp"

namespace nectr::app {

struct RouteDeps {
    api::HealthDeps health;
    core::Metrics* metrics = nullptr;
    webhooks::ReceiverDeps webhooks;
    auth::AuthRoutesDeps auth;  // sign-in, sessions, personal API tokens
    api::ReadApiDeps read_api;  // reviews, events, analytics
    api::RepoApiDeps repos;     // connecting repositories
    api::GraphApiDeps graph;    // the knowledge graph's views
    api::MemoryApiDeps memory;  // what Nectr remembers about repositories
    mcp::McpHttpDeps mcp;       // the MCP server over HTTP (null server: not served)
    api::StatusDeps status;     // the settings page's service status
    // The built dashboard, served at "/" and for client-side routes; null: a short page.
    std::shared_ptr<const http::StaticSite> web;
    std::function<void()> refresh_metrics;  // runs on the blocking pool before /metrics
};

// The one table of every route the server answers. Later parts add their lines here.
http::Router BuildRoutes(const RouteDeps& deps);

}  // namespace nectr::app
