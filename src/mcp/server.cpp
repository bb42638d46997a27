#include "mcp/server.hpp"

#include "mcp/tools.hpp"

namespace nectr::mcp {
namespace {

const ServerDeps& Checked(const ServerDeps& deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.clock != nullptr,
                 "the MCP server needs a database, a blocking pool and a clock");
    return deps;
}

}  // namespace

McpServer::McpServer(ServerDeps deps) : reader_(*Checked(deps).db, *deps.clock) {
    McpContext& context = deps.context != nullptr ? *deps.context : unavailable_context_;
    ProjectMapSource* map = deps.project_map;
    if (map == nullptr) {
        default_map_ = std::make_unique<ReviewProjectMap>(reader_, *deps.pool);
        map = default_map_.get();
    }
    tools_ = MakeReviewTools(reader_, *deps.pool, context);
    for (ToolDefinition& tool : MakeContextTools(reader_, *deps.pool, context, deps.reviewer)) {
        tools_.push_back(std::move(tool));
    }
    resources_ = std::make_unique<ProjectMapResources>(reader_, *deps.pool, *map);
    dispatcher_ = std::make_unique<Dispatcher>(tools_, *resources_);
}

}  // namespace nectr::mcp
