#include "app/review_context.hpp"

#include <fmt/core.h>

#include <functional>

#include "analyzers/finding.hpp"
#include "core/log.hpp"
#include "graph/blast_radius.hpp"
#include "graph/co_change.hpp"
#include "graph/experts.hpp"
#include "graph/related_pull_requests.hpp"
#include "graph/repository.hpp"
#include "memory/apply_proposals.hpp"
#include "memory/memory_store.hpp"
#include "memory/review_context.hpp"
#include "memory/rule_proposer.hpp"

namespace nectr::app {
namespace {

namespace net = boost::asio;
using Items = std::vector<review::ContextItem>;

constexpr std::size_t kExperts = 3;
constexpr std::size_t kRelated = 5;
constexpr std::size_t kCoChanged = 5;
constexpr std::size_t kDependents = 8;

std::vector<std::string> ChangedPaths(const review::ContextQuery& query) {
    std::vector<std::string> paths;
    for (const review::FileDiff& file : query.files) {
        paths.push_back(file.Path());
    }
    return paths;
}

std::string ExpertsText(const std::vector<graph::Expert>& experts) {
    std::string text;
    for (const graph::Expert& expert : experts) {
        text += fmt::format("- {} ({} changes to {} of the changed files)\n", expert.login,
                            expert.changes, expert.files.size());
    }
    return text;
}

std::string RelatedText(const std::vector<graph::RelatedPullRequest>& pulls) {
    std::string text;
    for (const graph::RelatedPullRequest& pull : pulls) {
        text += fmt::format("- #{} {} ({}{}{})\n", pull.number, pull.title, pull.state,
                            pull.author.empty() ? "" : ", by " + pull.author,
                            pull.verdict.empty() ? "" : ", Nectr said " + pull.verdict);
    }
    return text;
}

std::string CoChangeText(const std::vector<graph::CoChangedFile>& files) {
    std::string text;
    for (const graph::CoChangedFile& file : files) {
        text += fmt::format("- {} changed with {} in {} of its {} commits\n", file.path, file.with,
                            file.shared, file.commits);
    }
    return text;
}

std::string DependentsText(const std::vector<graph::ImportingFile>& files) {
    std::string text;
    for (const graph::ImportingFile& file : files) {
        text += fmt::format("- {} (depth {})\n", file.path, file.depth);
    }
    return text;
}

}  // namespace

core::Result<Items> ReadGraphContext(store::Database& db, const std::string& repo,
                                     const std::vector<std::string>& paths, int number,
                                     std::int64_t now) {
    auto id = graph::FindRepository(db, repo);
    if (!id) {
        return id.error();
    }
    Items items;
    if (!*id || paths.empty()) {
        return items;
    }
    auto experts = graph::Experts(db, **id, paths, now, kExperts);
    auto related = graph::RelatedPullRequests(db, **id, paths, kRelated, number);
    auto co_changed = graph::CoChangedFiles(db, **id, paths, kCoChanged);
    auto dependents = graph::BlastRadius(db, **id, paths, kDependents);
    if (experts && !experts->empty()) {
        items.push_back({"graph", "Who knows these files", ExpertsText(*experts)});
    }
    if (related && !related->empty()) {
        items.push_back({"graph", "Earlier pull requests on these files", RelatedText(*related)});
    }
    if (co_changed && !co_changed->empty()) {
        items.push_back({"graph", "Files that usually change with these (not in this change)",
                         CoChangeText(*co_changed)});
    }
    if (dependents && !dependents->empty()) {
        items.push_back(
            {"graph", "Files that import the changed files", DependentsText(*dependents)});
    }
    return items;
}

GraphContextSource::GraphContextSource(store::Database& db, core::BlockingPool& pool,
                                       const core::Clock& clock)
    : db_(db), pool_(pool), clock_(clock) {}

net::awaitable<core::Result<Items>> GraphContextSource::Gather(const review::ContextQuery& query) {
    if (query.change.repo_full_name.empty()) {
        co_return Items{};
    }
    const std::string repo = query.change.repo_full_name;
    const std::vector<std::string> paths = ChangedPaths(query);
    const int number = static_cast<int>(query.change.number);
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    std::function<core::Result<Items>()> read = [this, &repo, &paths, number, now] {
        return ReadGraphContext(db_, repo, paths, number, now);
    };
    co_return co_await pool_.Call<core::Result<Items>>(std::move(read));
}

MemoryContextSource::MemoryContextSource(store::Database& db, core::BlockingPool& pool,
                                         const core::Clock& clock)
    : db_(db), pool_(pool), clock_(clock) {}

net::awaitable<core::Result<Items>> MemoryContextSource::Gather(const review::ContextQuery& query) {
    if (query.change.repo_full_name.empty()) {
        co_return Items{};
    }
    memory::ReviewContextRequest request;
    request.repo_full_name = query.change.repo_full_name;
    request.author_login = query.change.author;
    request.query_text = query.change.title + "\n" + query.change.description;
    for (const std::string& path : ChangedPaths(query)) {
        request.query_text += "\n" + path;
    }
    std::function<core::Result<Items>()> read = [this, &request]() -> core::Result<Items> {
        memory::MemoryStore store(db_, clock_);
        auto memories = memory::MemoriesForReview(store, request);
        if (!memories) {
            return memories.error();
        }
        Items items;
        if (!memories->empty()) {
            items.push_back({"memory", "What this repository's team asked for and taught Nectr",
                             memory::FormatMemories(*memories)});
        }
        return items;
    };
    co_return co_await pool_.Call<core::Result<Items>>(std::move(read));
}

void LearnFromReview(store::Database& db, const core::Clock& clock,
                     const review::ChangeInfo& change, const review::ReviewReport& report,
                     std::int64_t review_id) {
    if (change.repo_full_name.empty()) {
        return;
    }
    memory::ReviewFacts facts;
    facts.repo_full_name = change.repo_full_name;
    facts.pr_number = change.number;
    facts.author_login = change.author;
    facts.review_id = review_id;
    facts.pr_title = change.title;
    facts.pr_description = change.description;
    facts.summary = report.output.summary;
    for (const review::ReviewComment& comment : report.output.comments) {
        facts.comments.push_back({comment.path,
                                  std::string(analyzers::SeverityName(comment.severity)),
                                  comment.category, comment.body});
    }
    const std::vector<memory::MemoryProposal> proposals = memory::ProposeMemories(facts);
    if (proposals.empty()) {
        return;
    }
    memory::MemoryStore store(db, clock);
    auto applied = memory::ApplyProposals(
        store, change.repo_full_name, proposals,
        {memory::MemorySource::kReview, review_id, "pr:" + std::to_string(change.number)});
    if (!applied) {
        NECTR_LOG_WARN("memory.learning_failed", "repo={} pr={} error=\"{}\"",
                       change.repo_full_name, change.number, applied.error().detail);
        return;
    }
    NECTR_LOG_INFO("memory.learned", "repo={} pr={} proposals={}", change.repo_full_name,
                   change.number, applied->size());
}

}  // namespace nectr::app
