#include "app/mcp_context.hpp"

#include <algorithm>
#include <functional>

#include "core/time_format.hpp"
#include "graph/experts.hpp"
#include "graph/health.hpp"
#include "graph/repository.hpp"
#include "memory/memory_store.hpp"

namespace nectr::app {
namespace {

constexpr std::size_t kExpertsPerFile = 5;

// The graph's id of a repository; kUnavailable (the tool says so) when it was never indexed.
core::Result<std::int64_t> IndexedRepository(store::Database& db, const std::string& repo) {
    core::Result<std::optional<std::int64_t>> found = graph::FindRepository(db, repo);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return core::MakeError(core::Errc::kUnavailable,
                               repo + " is not indexed yet: connect or rescan it");
    }
    return **found;
}

}  // namespace

GraphMemoryContext::GraphMemoryContext(store::Database& db, core::BlockingPool& pool,
                                       const core::Clock& clock)
    : db_(db), pool_(pool), clock_(clock) {}

net::awaitable<core::Result<mcp::GraphHealth>> GraphMemoryContext::RepoHealth(std::string repo) {
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    std::function<core::Result<mcp::GraphHealth>()> read =
        [this, &repo, now]() -> core::Result<mcp::GraphHealth> {
        core::Result<std::int64_t> id = IndexedRepository(db_, repo);
        if (!id) {
            return id.error();
        }
        core::Result<graph::HealthReport> report = graph::RepositoryHealth(db_, *id, now);
        if (!report) {
            return report.error();
        }
        mcp::GraphHealth health;
        for (const graph::HotFile& file : report->hot_files) {
            health.hotspots.push_back({file.path, file.changes, 0});
        }
        for (const graph::DirectoryBusFactor& directory : report->bus_factor) {
            if (directory.bus_factor == 1 && !directory.owners.empty()) {
                health.notes.push_back(
                    "bus factor 1 in " +
                    (directory.directory.empty() ? std::string("/") : directory.directory) + ": " +
                    directory.owners.front());
            }
        }
        return health;
    };
    co_return co_await pool_.Call<core::Result<mcp::GraphHealth>>(std::move(read));
}

net::awaitable<core::Result<std::vector<mcp::MemoryHit>>> GraphMemoryContext::SearchMemory(
    std::string repo, std::string query, int limit) {
    std::function<core::Result<std::vector<mcp::MemoryHit>>()> search =
        [this, &repo, &query, limit]() -> core::Result<std::vector<mcp::MemoryHit>> {
        memory::MemoryStore store(db_, clock_);
        memory::SearchOptions options;
        options.limit = std::clamp(limit, 1, 50);
        auto found = store.Search(repo, query, options);
        if (!found) {
            return found.error();
        }
        std::vector<mcp::MemoryHit> hits;
        for (const memory::ScoredMemory& scored : *found) {
            const memory::Memory& m = scored.memory;
            hits.push_back({std::to_string(m.id), std::string(memory::TypeName(m.type)), m.content,
                            scored.score,
                            std::string(memory::SourceName(m.source)) +
                                (m.source_ref ? " " + *m.source_ref : std::string())});
        }
        return hits;
    };
    co_return co_await pool_.Call<core::Result<std::vector<mcp::MemoryHit>>>(std::move(search));
}

net::awaitable<core::Result<std::vector<mcp::FileExperts>>> GraphMemoryContext::FindFileExperts(
    std::string repo, std::vector<std::string> paths) {
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    std::function<core::Result<std::vector<mcp::FileExperts>>()> read =
        [this, &repo, &paths, now]() -> core::Result<std::vector<mcp::FileExperts>> {
        core::Result<std::int64_t> id = IndexedRepository(db_, repo);
        if (!id) {
            return id.error();
        }
        std::vector<mcp::FileExperts> out;
        for (const std::string& path : paths) {
            auto experts = graph::Experts(db_, *id, {path}, now, kExpertsPerFile);
            if (!experts) {
                return experts.error();
            }
            mcp::FileExperts file{path, {}};
            for (const graph::Expert& expert : *experts) {
                mcp::Expert e;
                e.login = expert.login;
                e.score = expert.score;
                e.changes = expert.changes;
                if (expert.last_changed_at_ms > 0) {
                    e.last_touched_at = core::FormatUtcMillis(expert.last_changed_at_ms);
                }
                file.experts.push_back(std::move(e));
            }
            out.push_back(std::move(file));
        }
        return out;
    };
    co_return co_await pool_.Call<core::Result<std::vector<mcp::FileExperts>>>(std::move(read));
}

}  // namespace nectr::app
