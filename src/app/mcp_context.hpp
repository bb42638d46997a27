#pragma once

// The MCP tools' view of the knowledge graph and memory: what get_repo_health,
// get_file_experts and search_memory answer with.
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "mcp/context.hpp"
#include "store/database.hpp"

namespace nectr::app {

namespace net = boost::asio;

class GraphMemoryContext final : public mcp::McpContext {
public:
    GraphMemoryContext(store::Database& db, core::BlockingPool& pool, const core::Clock& clock);

    net::awaitable<core::Result<mcp::GraphHealth>> RepoHealth(std::string repo) override;
    net::awaitable<core::Result<std::vector<mcp::MemoryHit>>> SearchMemory(std::string repo,
                                                                           std::string query,
                                                                           int limit) override;
    net::awaitable<core::Result<std::vector<mcp::FileExperts>>> FindFileExperts(
        std::string repo, std::vector<std::string> paths) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    const core::Clock& clock_;
};

}  // namespace nectr::app
