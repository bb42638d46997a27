#pragma once

// What the knowledge graph and the semantic memory tell a review: who knows the changed files,
// earlier pull requests on them, files that usually change with them, files that depend on
// them, and the repository's rules and learnt habits. Both read the local database through
// the blocking pool; a repository that was never indexed simply adds nothing.
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "review/change.hpp"
#include "review/review_report.hpp"
#include "store/database.hpp"

namespace nectr::app {

namespace net = boost::asio;

// What the graph knows of `paths` in repository `repo` as context items (experts, earlier pull
// requests but number `number`, co-changed files, importers); empty when the graph does not
// know the repository or has nothing on the paths. Blocks.
core::Result<std::vector<review::ContextItem>> ReadGraphContext(
    store::Database& db, const std::string& repo, const std::vector<std::string>& paths, int number,
    std::int64_t now);

class GraphContextSource final : public review::ContextSource {
public:
    GraphContextSource(store::Database& db, core::BlockingPool& pool, const core::Clock& clock);
    std::string_view Name() const override { return "graph"; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    const core::Clock& clock_;
};

class MemoryContextSource final : public review::ContextSource {
public:
    MemoryContextSource(store::Database& db, core::BlockingPool& pool, const core::Clock& clock);
    std::string_view Name() const override { return "memory"; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    const core::Clock& clock_;
};

// After a review was posted: the rule-based extraction proposes memories from it (rules the
// description states, categories the review keeps raising) and applies ADD / UPDATE / NOOP
// against what the repository has. Best effort: a failure is logged. Blocks: call on the pool.
void LearnFromReview(store::Database& db, const core::Clock& clock,
                     const review::ChangeInfo& change, const review::ReviewReport& report,
                     std::int64_t review_id);

}  // namespace nectr::app
