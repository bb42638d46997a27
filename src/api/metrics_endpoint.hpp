#pragma once

#include <functional>

#include "core/blocking_pool.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"

namespace nectr::api {

// GET /metrics: the registry in Prometheus text format, with process gauges refreshed.
// `refresh`, when set, runs first on the blocking pool to update gauges read from the database
// (queue depth); a failure there leaves the previous values.
http::Handler MakeMetricsHandler(core::Metrics& metrics, core::BlockingPool* pool = nullptr,
                                 std::function<void()> refresh = {});

// Declares the process-level families (memory, uptime, warnings) and their collector.
void RegisterProcessMetrics(core::Metrics& metrics);

}  // namespace nectr::api
