#pragma once

// The MCP server over HTTP: the Streamable HTTP transport at /mcp and the legacy HTTP+SSE
// transport at /mcp/sse with its message endpoint. Both require a personal API token
// (`Authorization: Bearer nectr_...`), check the Origin header against the configured URLs
// (a page of another site must not reach a server on the user's machine), and answer only
// about the token owner's repositories.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "mcp/server.hpp"

namespace nectr::mcp {

struct McpHttpDeps {
    McpServer* server = nullptr;
    // Finds the caller; only personal API tokens are accepted (a session cookie is refused).
    auth::Authenticator authenticate;
    // Pages of these origins (the backend and frontend URLs) may call; a request without
    // Origin (any non-browser client) may too; any other Origin gets 403.
    std::vector<std::string> allowed_origins;
    const core::Clock* clock = nullptr;  // session expiry (its steady time)
    std::chrono::seconds session_idle_timeout{3600};
    std::size_t max_sessions_per_user = 64;
    std::chrono::seconds sse_keepalive{15};             // a comment line on an idle legacy stream
    std::size_t max_body_bytes = std::size_t{2} << 20;  // review_diff takes a 1 MiB diff
};

// Adds:
//   POST   /mcp            Streamable HTTP: JSON-RPC in, JSON out (SSE when the client accepts
//                          only that); Mcp-Session-Id issued at initialize and required after
//   DELETE /mcp            ends a session
//   GET    /mcp            answered 405 by the router: no server-initiated stream is offered
//   GET    /mcp/sse        legacy transport: an event stream whose first event, `endpoint`,
//                          names /mcp/messages?sessionId=...
//   POST   /mcp/messages   legacy transport: a message whose answer goes to the stream (202)
// server, authenticate and clock are required (a missing one aborts). They must outlive the
// router.
void AddMcpRoutes(http::Router& router, const McpHttpDeps& deps);

}  // namespace nectr::mcp
