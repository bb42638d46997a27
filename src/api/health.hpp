#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "queue/job_store.hpp"
#include "store/database.hpp"

namespace nectr::api {

// What GET /health reports; built by CheckHealth, rendered by RenderHealth.
struct HealthReport {
    std::string environment;
    std::int64_t uptime_seconds = 0;
    std::string database_engine;
    bool database_up = false;
    double database_latency_ms = 0;
    std::optional<int> schema_version;
    std::string database_error;              // why it is down; never a password (URLs are masked)
    std::optional<queue::QueueStats> queue;  // when the database is up
};

// {"status": "healthy"|"unhealthy", "service", "version", "environment", "uptime_seconds",
//  "database": {"status": "up"|"down", "engine", "latency_us", "schema_version"|"error"},
//  "queue": {"queued", "ready", "running", "dead", "oldest_ready_age_seconds"}}
std::string RenderHealth(const HealthReport& report);
// 200 when the database answers, 503 otherwise.
int HealthStatusCode(const HealthReport& report);

struct HealthDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    core::Metrics* metrics = nullptr;  // receives nectr_database_up and the queue gauges
    queue::JobQueue* jobs = nullptr;   // optional: queue depth in the report
    std::string environment;
    std::chrono::steady_clock::time_point started;
};

// GET /health: runs a real query on the database (on the blocking pool) and reports.
http::Handler MakeHealthHandler(HealthDeps deps);

// Reads the queue's counts (blocking) and publishes them as gauges: nectr_queue_jobs{state},
// nectr_queue_oldest_ready_age_seconds. Returns them for the health report.
core::Result<queue::QueueStats> PublishQueueStats(queue::JobQueue& jobs, core::Metrics* metrics);

}  // namespace nectr::api
