#include "api/memory_routes.hpp"

#include <boost/json.hpp>
#include <memory>

#include "api/memory_access.hpp"
#include "api/memory_json.hpp"
#include "api/memory_requests.hpp"
#include "api/query_params.hpp"
#include "api/read_handler.hpp"
#include "core/log.hpp"
#include "memory/memory_store.hpp"
#include "memory/project_map.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;
namespace net = boost::asio;

using Deps = std::shared_ptr<const MemoryApiDeps>;

// Bodies of memories are small; a larger one is refused before it is read.
constexpr std::size_t kMaxMemoryBodyBytes = std::size_t{64} * 1024;

http::Response NoStore(http::Response response) {
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Result<std::int64_t> IdFromPath(const http::Request& request) {
    const std::optional<std::int64_t> id = ParsePositiveId(request.PathParam("id").value_or(""));
    if (!id) {
        return BadParameter("a memory id is a positive integer, as in /api/v1/memory/42");
    }
    return *id;
}

core::Result<std::string> ListOrSearch(const MemoryApiDeps& deps, std::int64_t user_id,
                                       const MemoryListQuery& query) {
    if (core::Result<void> reach = RequireReachableRepository(*deps.db, user_id, query.repository);
        !reach) {
        return reach.error();
    }
    memory::MemoryStore store(*deps.db, *deps.clock);
    if (!query.q) {
        core::Result<memory::MemoryPage> page = store.List(query.repository, query.filter);
        if (!page) {
            return page.error();
        }
        return RenderMemoryPage(*page);
    }
    memory::SearchOptions options;
    options.limit = query.filter.limit;
    options.type = query.filter.type;
    options.developer_login = query.filter.developer_login;
    core::Result<std::vector<memory::ScoredMemory>> found =
        store.Search(query.repository, *query.q, options);
    if (!found) {
        return found.error();
    }
    return RenderMemorySearch(*found);
}

net::awaitable<http::Response> List(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<MemoryListQuery> query = ParseMemoryListQuery(request);
    if (!query) {
        co_return http::ErrorResponse(query.error());
    }
    std::function<core::Result<std::string>()> read = [deps, user_id = caller->user_id,
                                                       query = std::move(*query)] {
        return ListOrSearch(*deps, user_id, query);
    };
    co_return co_await ReplyWithJson(*deps->pool, std::move(read));
}

net::awaitable<http::Response> ProjectMap(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::string> repo = ParseRequiredRepository(request);
    if (!repo) {
        co_return http::ErrorResponse(repo.error());
    }
    std::function<core::Result<std::string>()> read =
        [deps, user_id = caller->user_id, repo = *repo]() -> core::Result<std::string> {
        if (core::Result<void> reach = RequireReachableRepository(*deps->db, user_id, repo);
            !reach) {
            return reach.error();
        }
        memory::MemoryStore store(*deps->db, *deps->clock);
        core::Result<memory::ProjectMap> map = memory::LoadProjectMap(store, repo);
        if (!map) {
            return map.error();
        }
        return RenderProjectMap(repo, *map);
    };
    co_return co_await ReplyWithJson(*deps->pool, std::move(read));
}

net::awaitable<http::Response> GetOne(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::int64_t> id = IdFromPath(request);
    if (!id) {
        co_return http::ErrorResponse(id.error());
    }
    std::function<core::Result<std::string>()> read = [deps, user_id = caller->user_id,
                                                       id = *id]() -> core::Result<std::string> {
        core::Result<memory::Memory> found = ReachableMemory(*deps->db, user_id, id);
        if (!found) {
            return found.error();
        }
        return json::serialize(MemoryJson(*found));
    };
    co_return co_await ReplyWithJson(*deps->pool, std::move(read));
}

net::awaitable<http::Response> Create(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<memory::NewMemory> parsed = ParseNewMemory(request.body);
    if (!parsed) {
        co_return http::ErrorResponse(parsed.error());
    }
    parsed->created_by_user_id = caller->user_id;
    std::function<core::Result<memory::AddResult>()> write =
        [deps, user_id = caller->user_id,
         memory = std::move(*parsed)]() -> core::Result<memory::AddResult> {
        if (core::Result<void> reach =
                RequireReachableRepository(*deps->db, user_id, memory.repo_full_name);
            !reach) {
            return reach.error();
        }
        memory::MemoryStore store(*deps->db, *deps->clock);
        return store.Add(memory);
    };
    core::Result<memory::AddResult> added =
        co_await deps->pool->Call<core::Result<memory::AddResult>>(std::move(write));
    if (!added) {
        co_return http::ErrorResponse(added.error());
    }
    NECTR_LOG_INFO("api.memory_added", "user_id={} repo={} memory_id={} deduplicated={}",
                   caller->user_id, added->memory.repo_full_name, added->memory.id,
                   added->deduplicated);
    json::object body = MemoryJson(added->memory);
    body["deduplicated"] = added->deduplicated;
    co_return NoStore(http::Response::Json(added->deduplicated ? 200 : 201, json::serialize(body)));
}

net::awaitable<http::Response> Update(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::int64_t> id = IdFromPath(request);
    if (!id) {
        co_return http::ErrorResponse(id.error());
    }
    core::Result<memory::MemoryChanges> changes = ParseMemoryChanges(request.body);
    if (!changes) {
        co_return http::ErrorResponse(changes.error());
    }
    std::function<core::Result<std::string>()> write =
        [deps, user_id = caller->user_id, id = *id,
         changes = std::move(*changes)]() -> core::Result<std::string> {
        core::Result<memory::Memory> found = ReachableMemory(*deps->db, user_id, id);
        if (!found) {
            return found.error();
        }
        memory::MemoryStore store(*deps->db, *deps->clock);
        core::Result<memory::Memory> updated = store.Update(id, changes);
        if (!updated) {
            return updated.error();
        }
        NECTR_LOG_INFO("api.memory_updated", "user_id={} repo={} memory_id={}", user_id,
                       updated->repo_full_name, id);
        return json::serialize(MemoryJson(*updated));
    };
    co_return co_await ReplyWithJson(*deps->pool, std::move(write));
}

net::awaitable<http::Response> Delete(Deps deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await FindCaller(deps->authenticate, request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::int64_t> id = IdFromPath(request);
    if (!id) {
        co_return http::ErrorResponse(id.error());
    }
    std::function<core::Result<void>()> write = [deps, user_id = caller->user_id,
                                                 id = *id]() -> core::Result<void> {
        core::Result<memory::Memory> found = ReachableMemory(*deps->db, user_id, id);
        if (!found) {
            return found.error();
        }
        memory::MemoryStore store(*deps->db, *deps->clock);
        if (core::Result<void> deleted = store.Delete(id); !deleted) {
            return deleted;
        }
        NECTR_LOG_INFO("api.memory_deleted", "user_id={} repo={} memory_id={}", user_id,
                       found->repo_full_name, id);
        return {};
    };
    core::Result<void> deleted = co_await deps->pool->Call<core::Result<void>>(std::move(write));
    if (!deleted) {
        co_return http::ErrorResponse(deleted.error());
    }
    co_return http::Response{204, {}, "", nullptr};
}

http::Handler Bind(const Deps& deps,
                   net::awaitable<http::Response> (*handler)(Deps, http::Request)) {
    return [deps, handler](http::Request request) -> net::awaitable<http::Response> {
        return handler(deps, std::move(request));
    };
}

}  // namespace

void AddMemoryRoutes(http::Router& router, const MemoryApiDeps& deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.clock != nullptr,
                 "the memory API needs a database, a blocking pool and a clock");
    NECTR_ASSERT(deps.authenticate, "the memory API needs an authenticator");
    const Deps shared = std::make_shared<const MemoryApiDeps>(deps);
    router.Add({"GET", "/api/v1/memory", Bind(shared, &List)});
    router.Add({"POST", "/api/v1/memory", Bind(shared, &Create), kMaxMemoryBodyBytes});
    router.Add({"GET", "/api/v1/memory/project-map", Bind(shared, &ProjectMap)});
    router.Add({"GET", "/api/v1/memory/{id}", Bind(shared, &GetOne)});
    router.Add({"PUT", "/api/v1/memory/{id}", Bind(shared, &Update), kMaxMemoryBodyBytes});
    router.Add({"DELETE", "/api/v1/memory/{id}", Bind(shared, &Delete)});
}

}  // namespace nectr::api
