#include "api/graph_routes.hpp"

#include "api/graph_json.hpp"
#include "api/query_params.hpp"
#include "api/read_handler.hpp"
#include "api/repos_common.hpp"
#include "core/error.hpp"
#include "graph/experts.hpp"
#include "graph/health.hpp"
#include "graph/related_pull_requests.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace net = boost::asio;

constexpr std::int64_t kDefaultGraphLimit = 20;
constexpr std::int64_t kMaxGraphLimit = 100;
constexpr std::int64_t kDayMs = 86'400'000;

// The repository a request names, as the caller reaches it.
struct GraphTarget {
    std::string repository;
    std::int64_t repository_id = 0;  // 0 while nothing of it is indexed: every query finds nothing
    bool indexed = false;
};

// Reads the graph for one target; built from the request before the database is asked.
using GraphRead = std::function<core::Result<std::string>(store::Database&, const GraphTarget&)>;
using GraphRequestParser =
    std::function<core::Result<GraphRead>(const http::Request&, std::int64_t now_ms)>;

// The same error for a repository that does not exist and one out of reach: anything else
// would tell a caller which private repositories exist.
core::Error NotFound() { return core::MakeError(core::Errc::kNotFound, "repository not found"); }

core::Result<GraphTarget> Resolve(store::Database& db, std::int64_t user_id,
                                  const std::string& repository) {
    const store::Value params[] = {user_id, repository};
    core::Result<store::Rows> rows =
        store::Execute(db, store::sql::kGraphRepositoryForUser, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return NotFound();
    }
    GraphTarget target{repository, 0, false};
    if (const std::optional<std::int64_t> id = store::AsInt(rows->rows.front()[1])) {
        target.repository_id = *id;
        target.indexed = true;
    }
    return target;
}

http::Handler MakeGraphHandler(GraphApiDeps deps, const GraphRequestParser& parse) {
    return [deps, parse](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        core::Result<std::string> repository = RepoFullNameFromPath(request);
        if (!repository) {
            co_return http::ErrorResponse(repository.error());
        }
        core::Result<GraphRead> read = parse(request, core::ToUnixMillis(deps.clock->Now()));
        if (!read) {
            co_return http::ErrorResponse(read.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::string>()> answer =
            [&deps, user_id = caller->user_id, repository = *repository,
             read = *read]() -> core::Result<std::string> {
            core::Result<GraphTarget> target = Resolve(*deps.db, user_id, repository);
            if (!target) {
                return target.error();
            }
            return read(*deps.db, *target);
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(answer));
    };
}

core::Result<GraphRead> ParseHealth(const http::Request&, std::int64_t now_ms) {
    return GraphRead(
        [now_ms](store::Database& db, const GraphTarget& target) -> core::Result<std::string> {
            core::Result<graph::HealthReport> report =
                graph::RepositoryHealth(db, target.repository_id, now_ms);
            if (!report) {
                return report.error();
            }
            return RenderGraphHealth(target.repository, target.indexed, *report);
        });
}

core::Result<GraphRead> ParseExperts(const http::Request& request, std::int64_t now_ms) {
    core::Result<std::vector<std::string>> paths = ParsePathParams(request);
    if (!paths) {
        return paths.error();
    }
    core::Result<std::int64_t> limit = ParseLimitParam(request, 10, kMaxGraphLimit);
    if (!limit) {
        return limit.error();
    }
    return GraphRead(
        [paths = *paths, limit = *limit, now_ms](
            store::Database& db, const GraphTarget& target) -> core::Result<std::string> {
            core::Result<std::vector<graph::Expert>> experts = graph::Experts(
                db, target.repository_id, paths, now_ms, static_cast<std::size_t>(limit));
            if (!experts) {
                return experts.error();
            }
            return RenderGraphExperts(target.repository, target.indexed, paths, *experts);
        });
}

core::Result<GraphRead> ParseHotFiles(const http::Request& request, std::int64_t now_ms) {
    core::Result<std::int64_t> limit = ParseLimitParam(request, kDefaultGraphLimit, kMaxGraphLimit);
    if (!limit) {
        return limit.error();
    }
    return GraphRead(
        [limit = *limit, now_ms](store::Database& db,
                                 const GraphTarget& target) -> core::Result<std::string> {
            core::Result<std::vector<graph::HotFile>> files =
                graph::HotFiles(db, target.repository_id, now_ms, static_cast<std::size_t>(limit));
            if (!files) {
                return files.error();
            }
            return RenderGraphHotFiles(target.repository, target.indexed,
                                       now_ms - graph::kHotFileDays * kDayMs, *files);
        });
}

core::Result<GraphRead> ParsePullRequests(const http::Request& request, std::int64_t) {
    core::Result<std::vector<std::string>> paths = ParsePathParams(request);
    if (!paths) {
        return paths.error();
    }
    core::Result<std::int64_t> limit = ParseLimitParam(request, kDefaultGraphLimit, kMaxGraphLimit);
    if (!limit) {
        return limit.error();
    }
    return GraphRead(
        [paths = *paths, limit = *limit](store::Database& db,
                                         const GraphTarget& target) -> core::Result<std::string> {
            core::Result<std::vector<graph::RelatedPullRequest>> pulls = graph::RelatedPullRequests(
                db, target.repository_id, paths, static_cast<std::size_t>(limit));
            if (!pulls) {
                return pulls.error();
            }
            return RenderGraphPullRequests(target.repository, target.indexed, paths, *pulls);
        });
}

}  // namespace

void AddGraphRoutes(http::Router& router, const GraphApiDeps& deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.clock != nullptr,
                 "the graph routes need a database, a blocking pool and a clock");
    NECTR_ASSERT(deps.authenticate, "the graph routes need an authenticator");
    const std::string base = "/api/v1/repos/{owner}/{repo}/graph/";
    router.Add({"GET", base + "health", MakeGraphHandler(deps, ParseHealth)});
    router.Add({"GET", base + "experts", MakeGraphHandler(deps, ParseExperts)});
    router.Add({"GET", base + "hot-files", MakeGraphHandler(deps, ParseHotFiles)});
    router.Add({"GET", base + "pull-requests", MakeGraphHandler(deps, ParsePullRequests)});
}

}  // namespace nectr::api
