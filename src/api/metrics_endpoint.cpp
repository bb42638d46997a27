#include "api/metrics_endpoint.hpp"

#include <chrono>
#include <cmath>

#include "core/log.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeMetricsHandler(core::Metrics& metrics, core::BlockingPool* pool,
                                 std::function<void()> refresh) {
    return [&metrics, pool, refresh](http::Request) -> net::awaitable<http::Response> {
        if (pool != nullptr && refresh) {
            std::function<void()> work = refresh;  // named: see docs/decisions.md on g++ 12
            co_await pool->Run(std::move(work));
        }
        co_return http::Response::Text(200, metrics.RenderPrometheus(),
                                       "text/plain; version=0.0.4; charset=utf-8");
    };
}

void RegisterProcessMetrics(core::Metrics& metrics) {
    metrics.DeclareGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
    metrics.DeclareGauge("process_start_time_seconds",
                         "Start time of the process since the Unix epoch in seconds.");
    metrics.DeclareCounter("nectr_log_warnings_total",
                           "Warnings logged: each means degraded but going on.");
    metrics.DeclareGauge("nectr_database_up", "1 when the last database probe succeeded.");
    metrics.DeclareGauge("nectr_queue_jobs", "Jobs in the queue by state (ready: queued and due).");
    metrics.DeclareGauge("nectr_queue_oldest_ready_age_seconds",
                         "How long the oldest due job has waited to be claimed.");
    auto start = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch());
    metrics.SetGauge("process_start_time_seconds", {}, std::floor(start.count()));
    metrics.AddCollector([](core::Metrics& registry) {
        registry.SetGauge("process_resident_memory_bytes", {},
                          static_cast<double>(core::ProcessResidentBytes()));
        registry.SetGauge("nectr_log_warnings_total", {},
                          static_cast<double>(core::WarningCount()));
    });
}

}  // namespace nectr::api
