#include "mcp/context.hpp"

namespace nectr::mcp {

net::awaitable<core::Result<GraphHealth>> McpContext::RepoHealth(std::string) {
    co_return core::MakeError(core::Errc::kUnavailable,
                              std::string("the knowledge graph is ") + kNotAvailable);
}

net::awaitable<core::Result<std::vector<MemoryHit>>> McpContext::SearchMemory(std::string,
                                                                              std::string, int) {
    co_return core::MakeError(core::Errc::kUnavailable, std::string("memory is ") + kNotAvailable);
}

net::awaitable<core::Result<std::vector<FileExperts>>> McpContext::FindFileExperts(
    std::string, std::vector<std::string>) {
    co_return core::MakeError(
        core::Errc::kUnavailable,
        std::string("file experts (the knowledge graph) are ") + kNotAvailable);
}

}  // namespace nectr::mcp
