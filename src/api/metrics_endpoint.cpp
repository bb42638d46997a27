#include "api/metrics_endpoint.hpp"

#include <chrono>
#include <cmath>

#include "core/log.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeMetricsHandler(core::Metrics& metrics) {
    return [&metrics](http::Request) -> net::awaitable<http::Response> {
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
