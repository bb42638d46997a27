// The tools backed by the knowledge graph and memory (through McpContext), and review_diff.
#include "mcp/arguments.hpp"
#include "mcp/tool_schemas.hpp"
#include "mcp/tools.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDiffBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxQueryBytes = 2000;

// Checks the caller's reach on the pool; the tool's own work follows on the caller's executor.
net::awaitable<core::Result<void>> CheckReach(const ReviewReader& reader, core::BlockingPool& pool,
                                              const Access& access, const std::string& repo) {
    std::function<core::Result<void>()> check = [&] { return reader.CheckReach(access, repo); };
    core::Result<void> reach = co_await pool.Call(std::move(check));
    co_return reach;
}

json::value OptionalText(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

ToolDefinition SearchMemoryTool(const ReviewReader& reader, core::BlockingPool& pool,
                                McpContext& context) {
    return {"search_memory",
            "Search memory",
            "Searches what Nectr has learnt about a repository from past reviews and feedback: "
            "conventions, decisions, recurring problems.",
            schemas::Parse(schemas::kSearchMemoryInput),
            schemas::Parse(schemas::kSearchMemoryOutput),
            [&reader, &pool, &context](
                json::object args, Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                core::Result<std::string> query = StringArgument(args, "query", kMaxQueryBytes);
                if (!query) {
                    co_return query.error();
                }
                core::Result<std::int64_t> limit = IntegerArgument(args, "limit", 5, 1, 20);
                if (!limit) {
                    co_return limit.error();
                }
                core::Result<void> reach = co_await CheckReach(reader, pool, access, *repo);
                if (!reach) {
                    co_return reach.error();
                }
                net::awaitable<core::Result<std::vector<MemoryHit>>> pending =
                    context.SearchMemory(*repo, *query, static_cast<int>(*limit));
                core::Result<std::vector<MemoryHit>> hits = co_await std::move(pending);
                if (!hits) {
                    co_return hits.error();
                }
                json::array results;
                for (const MemoryHit& hit : *hits) {
                    results.push_back(json::object{{"id", hit.id},
                                                   {"kind", hit.kind},
                                                   {"text", hit.text},
                                                   {"score", hit.score},
                                                   {"source", hit.source}});
                }
                co_return json::object{
                    {"repository", *repo}, {"query", *query}, {"results", std::move(results)}};
            }};
}

json::object RenderExperts(const FileExperts& file) {
    json::array experts;
    for (const Expert& expert : file.experts) {
        experts.push_back(json::object{{"login", expert.login},
                                       {"score", expert.score},
                                       {"changes", expert.changes},
                                       {"reviews", expert.reviews},
                                       {"last_touched_at", OptionalText(expert.last_touched_at)}});
    }
    return json::object{{"path", file.path}, {"experts", std::move(experts)}};
}

ToolDefinition FileExpertsTool(const ReviewReader& reader, core::BlockingPool& pool,
                               McpContext& context) {
    return {"get_file_experts",
            "File experts",
            "Who knows given files of a repository best, from the history of changes and "
            "reviews in the knowledge graph.",
            schemas::Parse(schemas::kFileExpertsInput),
            schemas::Parse(schemas::kFileExpertsOutput),
            [&reader, &pool, &context](
                json::object args, Access access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> repo = RepositoryArgument(args);
                if (!repo) {
                    co_return repo.error();
                }
                core::Result<std::vector<std::string>> paths =
                    StringListArgument(args, "paths", 20);
                if (!paths) {
                    co_return paths.error();
                }
                core::Result<void> reach = co_await CheckReach(reader, pool, access, *repo);
                if (!reach) {
                    co_return reach.error();
                }
                net::awaitable<core::Result<std::vector<FileExperts>>> pending =
                    context.FindFileExperts(*repo, *paths);
                core::Result<std::vector<FileExperts>> experts = co_await std::move(pending);
                if (!experts) {
                    co_return experts.error();
                }
                json::array files;
                for (const FileExperts& file : *experts) {
                    files.push_back(RenderExperts(file));
                }
                co_return json::object{{"repository", *repo}, {"files", std::move(files)}};
            }};
}

json::array Strings(const std::vector<std::string>& items) {
    json::array out;
    for (const std::string& item : items) {
        out.emplace_back(item);
    }
    return out;
}

json::object RenderReview(const DiffReview& review) {
    json::array comments;
    for (const DiffComment& comment : review.comments) {
        comments.push_back(json::object{{"path", comment.path},
                                        {"line", comment.line},
                                        {"severity", comment.severity},
                                        {"category", comment.category},
                                        {"body", comment.body},
                                        {"source", comment.source},
                                        {"suggestion", OptionalText(comment.suggestion)}});
    }
    return json::object{
        {"summary", review.summary},       {"verdict", review.verdict},
        {"comments", std::move(comments)}, {"files", Strings(review.files)},
        {"notes", Strings(review.notes)},  {"not_covered", Strings(review.not_covered)},
        {"used_model", review.used_model}, {"model", review.model}};
}

ToolDefinition ReviewDiffTool(DiffReviewer* reviewer) {
    return {"review_diff",
            "Review a diff",
            "Reviews a pasted unified diff (git diff output) the way Nectr reviews pull "
            "requests, and returns the review without posting anything. Files beyond the diff "
            "are not read.",
            schemas::Parse(schemas::kReviewDiffInput),
            schemas::Parse(schemas::kReviewDiffOutput),
            [reviewer](json::object args, Access) -> net::awaitable<core::Result<json::object>> {
                core::Result<std::string> diff = StringArgument(args, "diff", kMaxDiffBytes);
                if (!diff) {
                    co_return diff.error();
                }
                if (reviewer == nullptr) {
                    co_return core::MakeError(core::Errc::kUnavailable,
                                              std::string("reviewing diffs is ") + kNotAvailable);
                }
                net::awaitable<core::Result<DiffReview>> pending =
                    reviewer->Review(std::move(*diff));
                core::Result<DiffReview> review = co_await std::move(pending);
                if (!review) {
                    co_return review.error();
                }
                co_return RenderReview(*review);
            }};
}

}  // namespace

std::vector<ToolDefinition> MakeContextTools(const ReviewReader& reader, core::BlockingPool& pool,
                                             McpContext& context, DiffReviewer* reviewer) {
    std::vector<ToolDefinition> tools;
    tools.push_back(SearchMemoryTool(reader, pool, context));
    tools.push_back(FileExpertsTool(reader, pool, context));
    tools.push_back(ReviewDiffTool(reviewer));
    return tools;
}

}  // namespace nectr::mcp
