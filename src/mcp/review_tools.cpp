// The tools that read the stored reviews, and get_repo_health, which adds the graph's view.
#include "mcp/arguments.hpp"
#include "mcp/tool_schemas.hpp"
#include "mcp/tools.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDayMs = 86'400'000;

ToolDefinition RecentReviewsTool(const ReviewReader& reader, core::BlockingPool& pool) {
    return {"get_recent_reviews",
            "Recent reviews",
            "The newest reviews Nectr ran on a repository: pull request, verdict, summary and "
            "comment counts by severity.",
            schemas::Parse(schemas::kRecentReviewsInput),
            schemas::Parse(schemas::kRecentReviewsOutput),
            [&reader, &pool](json::object args,
                             Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                core::Result<std::int64_t> limit = IntegerArgument(args, "limit", 10, 1, 50);
                if (!limit) {
                    co_return limit.error();
                }
                std::function<core::Result<json::object>()> read = [&] {
                    return reader.RecentReviews(access, *repo, *limit);
                };
                net::awaitable<core::Result<json::object>> pending =
                    ReadScoped(reader, pool, access, *repo, std::move(read));
                co_return co_await std::move(pending);
            }};
}

ToolDefinition ContributorStatsTool(const ReviewReader& reader, core::BlockingPool& pool) {
    return {"get_contributor_stats",
            "Contributor statistics",
            "Per pull request author of a repository since a date: pull requests, posted "
            "reviews, verdicts and review comments by severity.",
            schemas::Parse(schemas::kContributorStatsInput),
            schemas::Parse(schemas::kContributorStatsOutput),
            [&reader, &pool](json::object args,
                             Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                core::Result<std::int64_t> since =
                    SinceArgument(args, reader.NowMillis() - 30 * kDayMs);
                if (!since) {
                    co_return since.error();
                }
                std::function<core::Result<json::object>()> read = [&] {
                    return reader.ContributorStats(access, *repo, *since);
                };
                net::awaitable<core::Result<json::object>> pending =
                    ReadScoped(reader, pool, access, *repo, std::move(read));
                co_return co_await std::move(pending);
            }};
}

ToolDefinition PrVerdictTool(const ReviewReader& reader, core::BlockingPool& pool) {
    return {"get_pr_verdict",
            "Pull request verdict",
            "Nectr's verdict on one pull request: the latest posted review with its comments, "
            "and every review run of it.",
            schemas::Parse(schemas::kPrVerdictInput),
            schemas::Parse(schemas::kPrVerdictOutput),
            [&reader, &pool](json::object args,
                             Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                if (!args.contains("number")) {
                    co_return core::MakeError(core::Errc::kInvalidInput,
                                              "number is required: the pull request's number");
                }
                core::Result<std::int64_t> number =
                    IntegerArgument(args, "number", 0, 1, 1'000'000'000);
                if (!number) {
                    co_return number.error();
                }
                std::function<core::Result<json::object>()> read = [&] {
                    return reader.PullRequestVerdict(access, *repo, *number);
                };
                net::awaitable<core::Result<json::object>> pending =
                    ReadScoped(reader, pool, access, *repo, std::move(read));
                co_return co_await std::move(pending);
            }};
}

json::object GraphSection(const core::Result<GraphHealth>& graph) {
    if (!graph) {
        return json::object{{"available", false}, {"note", graph.error().detail}};
    }
    json::array hotspots;
    for (const Hotspot& hotspot : graph->hotspots) {
        hotspots.push_back(json::object{
            {"path", hotspot.path}, {"changes", hotspot.changes}, {"findings", hotspot.findings}});
    }
    json::array notes;
    for (const std::string& note : graph->notes) {
        notes.emplace_back(note);
    }
    return json::object{
        {"available", true},
        {"files", graph->files},
        {"symbols", graph->symbols},
        {"hotspots", std::move(hotspots)},
        {"indexed_at", graph->indexed_at ? json::value(*graph->indexed_at) : json::value(nullptr)},
        {"notes", std::move(notes)}};
}

ToolDefinition RepoHealthTool(const ReviewReader& reader, core::BlockingPool& pool,
                              McpContext& context) {
    return {"get_repo_health",
            "Repository health",
            "How a repository is doing: review activity, verdicts and findings from Nectr's "
            "reviews, and the knowledge graph's hotspots when it is available.",
            schemas::Parse(schemas::kRepoHealthInput),
            schemas::Parse(schemas::kRepoHealthOutput),
            [&reader, &pool, &context](
                json::object args, Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                std::function<core::Result<json::object>()> read = [&] {
                    return reader.ReviewActivity(access, *repo);
                };
                net::awaitable<core::Result<json::object>> reading =
                    ReadScoped(reader, pool, access, *repo, std::move(read));
                core::Result<json::object> reviews = co_await std::move(reading);
                if (!reviews) {
                    co_return reviews.error();
                }
                // The reviews' part stands on its own: a missing or failing graph is a note.
                net::awaitable<core::Result<GraphHealth>> pending = context.RepoHealth(*repo);
                core::Result<GraphHealth> graph = co_await std::move(pending);
                co_return json::object{{"repository", *repo},
                                       {"reviews", std::move(*reviews)},
                                       {"graph", GraphSection(graph)}};
            }};
}

}  // namespace

net::awaitable<core::Result<json::object>> ReadScoped(
    const ReviewReader& reader, core::BlockingPool& pool, Access access, std::string repo,
    std::function<core::Result<json::object>()> read) {
    std::function<core::Result<json::object>()> scoped = [&reader, &access, &repo,
                                                          &read]() -> core::Result<json::object> {
        core::Result<void> reach = reader.CheckReach(access, repo);
        if (!reach) {
            return reach.error();
        }
        return read();
    };
    core::Result<json::object> result = co_await pool.Call(std::move(scoped));
    co_return result;
}

std::vector<ToolDefinition> MakeReviewTools(const ReviewReader& reader, core::BlockingPool& pool,
                                            McpContext& context) {
    std::vector<ToolDefinition> tools;
    tools.push_back(RecentReviewsTool(reader, pool));
    tools.push_back(ContributorStatsTool(reader, pool));
    tools.push_back(PrVerdictTool(reader, pool));
    tools.push_back(RepoHealthTool(reader, pool, context));
    return tools;
}

}  // namespace nectr::mcp
