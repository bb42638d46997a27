#include "api/health.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/version.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;
namespace net = boost::asio;

HealthReport ProbeDatabase(store::Database& db, const core::Clock& clock, queue::JobQueue* jobs,
                           core::Metrics* metrics) {
    HealthReport report;
    report.database_engine = std::string(store::EngineName(db.GetEngine()));
    auto begin = clock.Steady();
    auto rows = store::Execute(db, store::sql::kHealthSchemaVersion);
    report.database_latency_ms =
        std::chrono::duration<double, std::milli>(clock.Steady() - begin).count();
    if (!rows) {
        report.database_error = rows.error().detail;
        return report;
    }
    report.database_up = true;
    if (!rows->empty()) {
        if (auto version = store::AsInt(rows->rows.front().front())) {
            report.schema_version = static_cast<int>(*version);
        }
    }
    if (jobs != nullptr) {
        if (auto stats = PublishQueueStats(*jobs, metrics)) {
            report.queue = *stats;
        }
    }
    return report;
}

}  // namespace

std::string RenderHealth(const HealthReport& report) {
    json::object database{
        {"status", report.database_up ? "up" : "down"},
        {"engine", report.database_engine},
        {"latency_us", static_cast<std::int64_t>(std::llround(report.database_latency_ms * 1000))}};
    if (report.database_up) {
        if (report.schema_version) {
            database["schema_version"] = *report.schema_version;
        }
    } else {
        database["error"] = report.database_error;
    }
    json::object body{{"status", report.database_up ? "healthy" : "unhealthy"},
                      {"service", core::kServiceName},
                      {"version", core::kVersion},
                      {"environment", report.environment},
                      {"uptime_seconds", report.uptime_seconds},
                      {"database", std::move(database)}};
    if (report.queue) {
        body["queue"] = {{"queued", report.queue->queued},
                         {"ready", report.queue->ready},
                         {"running", report.queue->running},
                         {"dead", report.queue->dead},
                         {"oldest_ready_age_seconds", report.queue->oldest_ready_age_ms / 1000}};
    }
    return json::serialize(body);
}

int HealthStatusCode(const HealthReport& report) { return report.database_up ? 200 : 503; }

http::Handler MakeHealthHandler(HealthDeps deps) {
    return [deps](http::Request) -> net::awaitable<http::Response> {
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<HealthReport()> probe = [&deps] {
            return ProbeDatabase(*deps.db, *deps.clock, deps.jobs, deps.metrics);
        };
        HealthReport report = co_await deps.pool->Call<HealthReport>(std::move(probe));
        report.environment = deps.environment;
        report.uptime_seconds =
            std::chrono::duration_cast<std::chrono::seconds>(deps.clock->Steady() - deps.started)
                .count();
        if (deps.metrics != nullptr) {
            deps.metrics->SetGauge("nectr_database_up", {}, report.database_up ? 1 : 0);
        }
        http::Response response =
            http::Response::Json(HealthStatusCode(report), RenderHealth(report));
        response.SetHeader("Cache-Control", "no-store");
        co_return response;
    };
}

core::Result<queue::QueueStats> PublishQueueStats(queue::JobQueue& jobs, core::Metrics* metrics) {
    auto stats = jobs.Stats();
    if (!stats || metrics == nullptr) {
        return stats;
    }
    for (const auto& [state, count] :
         {std::pair<const char*, std::int64_t>{"queued", stats->queued},
          {"ready", stats->ready},
          {"running", stats->running},
          {"dead", stats->dead}}) {
        metrics->SetGauge("nectr_queue_jobs", {{"state", state}}, static_cast<double>(count));
    }
    metrics->SetGauge("nectr_queue_oldest_ready_age_seconds", {},
                      static_cast<double>(stats->oldest_ready_age_ms) / 1000.0);
    return stats;
}

}  // namespace nectr::api
