#pragma once

// Nectr's MCP tools. Every tool that names a repository checks first that the session reaches
// it (ReviewReader::CheckReach) and answers kRepositoryNotFound otherwise, so another user's
// repository is indistinguishable from one that does not exist.
#include <vector>

#include "core/blocking_pool.hpp"
#include "mcp/context.hpp"
#include "mcp/diff_reviewer.hpp"
#include "mcp/review_reader.hpp"
#include "mcp/tool.hpp"

namespace nectr::mcp {

// get_recent_reviews, get_contributor_stats, get_pr_verdict, get_repo_health. The references
// must outlive the tools.
std::vector<ToolDefinition> MakeReviewTools(const ReviewReader& reader, core::BlockingPool& pool,
                                            McpContext& context);

// search_memory, get_file_experts, review_diff. `reviewer` may be null: review_diff then
// answers that reviewing is not available.
std::vector<ToolDefinition> MakeContextTools(const ReviewReader& reader, core::BlockingPool& pool,
                                             McpContext& context, DiffReviewer* reviewer);

// Runs `read` on the pool after checking that the session reaches `repo`.
net::awaitable<core::Result<boost::json::object>> ReadScoped(
    const ReviewReader& reader, core::BlockingPool& pool, Access access, std::string repo,
    std::function<core::Result<boost::json::object>()> read);

}  // namespace nectr::mcp
