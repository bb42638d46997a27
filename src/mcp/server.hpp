#pragma once

// Nectr's MCP server, assembled: the review reader, the tools, the project-map resources and
// the dispatcher that serves them. Transports (HTTP, stdio) share one per process.
#include <memory>
#include <vector>

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "mcp/context.hpp"
#include "mcp/diff_reviewer.hpp"
#include "mcp/dispatcher.hpp"
#include "mcp/project_map.hpp"
#include "mcp/review_reader.hpp"
#include "store/database.hpp"

namespace nectr::mcp {

struct ServerDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;  // every database read runs here
    const core::Clock* clock = nullptr;
    McpContext* context = nullptr;            // null: graph and memory "not available"
    DiffReviewer* reviewer = nullptr;         // null: review_diff "not available"
    ProjectMapSource* project_map = nullptr;  // null: ReviewProjectMap (the stored reviews)
};

class McpServer {
public:
    // db, pool and clock are required (a missing one aborts); every pointer must outlive the
    // server.
    explicit McpServer(ServerDeps deps);
    McpServer(const McpServer&) = delete;
    McpServer& operator=(const McpServer&) = delete;

    Dispatcher& GetDispatcher() { return *dispatcher_; }
    const std::vector<ToolDefinition>& Tools() const { return tools_; }

private:
    ReviewReader reader_;
    McpContext unavailable_context_;
    std::unique_ptr<ReviewProjectMap> default_map_;
    std::vector<ToolDefinition> tools_;
    std::unique_ptr<ProjectMapResources> resources_;
    std::unique_ptr<Dispatcher> dispatcher_;
};

}  // namespace nectr::mcp
