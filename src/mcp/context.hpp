#pragma once

// What the MCP tools ask of the knowledge graph and memory. Those modules plug in here when
// they are wired (app/); until then McpContext's defaults answer kUnavailable and the tools
// say so, while get_repo_health still reports what the stored reviews tell.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace nectr::mcp {

namespace net = boost::asio;

inline constexpr const char* kNotAvailable = "not available in this build";

// A file that changes often or draws many findings.
struct Hotspot {
    std::string path;
    std::int64_t changes = 0;   // pull requests that touched it
    std::int64_t findings = 0;  // review comments on it
};

// The graph's view of a repository's health.
struct GraphHealth {
    std::int64_t files = 0;    // files known to the index
    std::int64_t symbols = 0;  // symbols known to the index
    std::vector<Hotspot> hotspots;
    std::optional<std::string> indexed_at;  // ISO 8601 UTC, when the index was last built
    std::vector<std::string> notes;         // anything worth saying in a sentence
};

struct MemoryHit {
    std::string id;
    std::string kind;  // "convention", "decision", "feedback", ...
    std::string text;
    double score = 0;    // higher is more relevant
    std::string source;  // where it was learnt, e.g. "owner/repo#12"
};

struct Expert {
    std::string login;
    double score = 0;                            // higher knows the file better
    std::int64_t changes = 0;                    // pull requests of theirs that touched the file
    std::int64_t reviews = 0;                    // reviews of theirs on it
    std::optional<std::string> last_touched_at;  // ISO 8601 UTC
};

struct FileExperts {
    std::string path;
    std::vector<Expert> experts;  // best first
};

// The seam to the graph and memory modules. Every call is scoped by the tool before it is
// made: `repo` is one the caller reaches. Errors: kUnavailable when the part is missing (the
// defaults), anything else when it failed.
class McpContext {
public:
    virtual ~McpContext() = default;
    virtual net::awaitable<core::Result<GraphHealth>> RepoHealth(std::string repo);
    virtual net::awaitable<core::Result<std::vector<MemoryHit>>> SearchMemory(std::string repo,
                                                                              std::string query,
                                                                              int limit);
    virtual net::awaitable<core::Result<std::vector<FileExperts>>> FindFileExperts(
        std::string repo, std::vector<std::string> paths);
};

}  // namespace nectr::mcp
