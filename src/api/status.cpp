#include "api/status.hpp"

#include <boost/json.hpp>

#include "api/read_handler.hpp"
#include "store/sql.hpp"

namespace nectr::api {

namespace json = boost::json;
namespace net = boost::asio;

std::string RenderStatus(const StatusReport& report) {
    json::object body;
    body["llm"] = {{"provider", report.llm.provider},
                   {"model", report.llm.model},
                   {"configured", report.llm.configured}};
    body["database"] = {{"engine", report.database_engine}, {"ok", report.database_ok}};
    if (report.queue_known) {
        body["queue"] = {{"depth", report.queue.queued + report.queue.running},
                         {"oldest_age_s", report.queue.oldest_ready_age_ms / 1000},
                         {"dead", report.queue.dead}};
    } else {
        body["queue"] = nullptr;
    }
    body["integrations"] = report.integrations;
    return json::serialize(body);
}

StatusReport CheckStatus(const StatusDeps& deps) {
    StatusReport report;
    report.llm = deps.llm;
    report.database_engine = std::string(store::EngineName(deps.db->GetEngine()));
    report.database_ok = store::Execute(*deps.db, store::sql::kHealthSchemaVersion).has_value();
    if (report.database_ok) {
        if (core::Result<queue::QueueStats> stats = deps.jobs->Stats()) {
            report.queue = *stats;
            report.queue_known = true;
        }
    }
    if (deps.integrations) {
        report.integrations = deps.integrations();
    }
    return report;
}

http::Handler MakeStatusHandler(StatusDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::string>()> check = [&deps]() -> core::Result<std::string> {
            return RenderStatus(CheckStatus(deps));
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(check));
    };
}

void AddStatusRoute(http::Router& router, const StatusDeps& deps) {
    NECTR_ASSERT(deps.db != nullptr && deps.pool != nullptr && deps.jobs != nullptr,
                 "the status route needs a database, a blocking pool and the job queue");
    NECTR_ASSERT(deps.authenticate, "the status route needs an authenticator");
    router.Add({"GET", "/api/v1/status", MakeStatusHandler(deps)});
}

}  // namespace nectr::api
