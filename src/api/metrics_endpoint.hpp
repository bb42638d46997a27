#pragma once

#include "core/metrics.hpp"
#include "http/router.hpp"

namespace nectr::api {

// GET /metrics: the registry in Prometheus text format, with process gauges refreshed.
http::Handler MakeMetricsHandler(core::Metrics& metrics);

// Declares the process-level families (memory, uptime, warnings) and their collector.
void RegisterProcessMetrics(core::Metrics& metrics);

}  // namespace nectr::api
