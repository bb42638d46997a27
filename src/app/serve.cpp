#include <iostream>
#include <thread>

#include "api/metrics_endpoint.hpp"
#include "api/repos_store.hpp"
#include "app/accounts_setup.hpp"
#include "app/commands.hpp"
#include "app/git_checkout.hpp"
#include "app/job_handlers.hpp"
#include "app/llm_setup.hpp"
#include "app/mcp_context.hpp"
#include "app/review_runtime.hpp"
#include "app/routes.hpp"
#include "app/settings.hpp"
#include "app/storage_setup.hpp"
#include "app/web_setup.hpp"
#include "app/worker_runner.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/version.hpp"
#include "http/server.hpp"
#include "queue/job_store.hpp"
#include "webhooks/ingest_writer.hpp"
#include "webhooks/payload_compressor.hpp"
#include "webhooks/secret_lookup.hpp"

namespace nectr::app {
namespace {

std::size_t CoreCount() { return std::max(1U, std::thread::hardware_concurrency()); }

std::string DisplayHost(const std::string& host) {
    if (host == "0.0.0.0" || host == "::" || host.empty()) {
        return "localhost";
    }
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

int RunServe(core::Config config) {
    core::SystemClock clock;
    const auto started = clock.Steady();
    auto db = PrepareAndOpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    core::Metrics metrics;
    api::RegisterProcessMetrics(metrics);
    core::BlockingPool pool(std::max<std::size_t>(2, CoreCount()));

    auto keys = MakeAccountKeys(config, **db, clock);
    if (!keys) {
        std::cerr << "nectr: " << keys.error().detail << "\n";
        return 1;
    }
    // Repositories connected before scans existed, or whose scan job was lost, are scanned
    // once; a queued or finished scan leaves a status row, so a restart queues nothing new.
    if (auto queued = api::QueueMissingScans(**db, core::ToUnixMillis(clock.Now())); !queued) {
        NECTR_LOG_WARN("index.scan_backlog_failed", "error=\"{}\"", queued.error().detail);
    } else if (*queued > 0) {
        NECTR_LOG_INFO("index.scan_backlog", "queued={}", *queued);
    }
    RouteDeps deps;
    queue::JobQueue jobs(**db, clock, MakeQueueOptions(config));
    deps.health = api::HealthDeps{db->get(), &pool, &clock,
                                  &metrics,  &jobs, std::string(core::AppEnvName(config.env)),
                                  started};
    deps.refresh_metrics = [&jobs, &metrics] { api::PublishQueueStats(jobs, &metrics); };
    deps.metrics = &metrics;
    // In-process workers wake on each commit that queued a job, instead of polling.
    WorkerSlot worker;
    webhooks::IngestWriter ingest(**db, clock, webhooks::IngestOptions{});
    ingest.SetCommitListener([&worker] { worker.Notify(); });
    webhooks::SecretLookup secrets(
        **db, clock, std::chrono::seconds(10),
        [&keys](std::string_view stored) { return (*keys)->webhook_secrets.Open(stored); });
    webhooks::PayloadCompressor compressor(**db, clock);
    if (auto started = compressor.Start(); !started) {
        // Payloads are then compressed alone until a dictionary is trained and stored.
        NECTR_LOG_WARN("webhooks.payload_dictionary_unread", "error=\"{}\"",
                       started.error().detail);
    }
    deps.webhooks = webhooks::ReceiverDeps{
        &pool, &secrets, &ingest, &metrics, config.github.webhook_secret, {}, &compressor};
    auto review = StartReviewRuntime(config, **db, pool, clock);
    if (!review) {
        std::cerr << "nectr: " << review.error().detail << "\n";
        return 2;
    }
    ReviewRuntime review_runtime = std::move(*review);
    review_runtime.services->user_tokens = &(*keys)->user_tokens;
    deps.auth = AuthRoutesDepsFor(config, db->get(), pool, *review_runtime.http, clock, **keys);
    const auth::Authenticator authenticate =
        auth::MakeAuthenticator(auth::AuthenticatorDepsFor(deps.auth));
    deps.read_api = api::ReadApiDeps{db->get(),
                                     &pool,
                                     &clock,
                                     authenticate,
                                     config.admin_api_token,
                                     config.github.web_url,
                                     &jobs,
                                     [&worker] { worker.Notify(); }};
    // The integrations as this process's reviews last found them: `nectr worker` processes keep
    // their own board.
    ReviewServices* services = review_runtime.services.get();
    deps.status = api::StatusDeps{db->get(),
                                  &pool,
                                  &jobs,
                                  authenticate,
                                  LlmStatusFor(config, review_runtime.provider != nullptr),
                                  [services] {
                                      return IntegrationStatus(services->integrations,
                                                               services->integration_board);
                                  }};
    deps.web = LoadDashboard(config);
    deps.graph = api::GraphApiDeps{db->get(), &pool, &clock, authenticate};
    deps.repos = api::RepoApiDeps{
        db->get(),
        &pool,
        &clock,
        authenticate,
        MakeGitHubForCaller(config, pool, *review_runtime.http, clock, **keys),
        [&keys](std::string_view secret) { return (*keys)->webhook_secrets.Seal(secret); },
        [&keys](std::string_view stored) { return (*keys)->webhook_secrets.Open(stored); },
        config.backend_url + "/api/v1/webhooks/github",
        [&worker] { worker.Notify(); },
        [&config](const std::string& repo) { return RemoveCheckout(config.data_dir, repo); }};
    deps.memory = api::MemoryApiDeps{db->get(), &pool, &clock, authenticate};
    GraphMemoryContext mcp_context(**db, pool, clock);
    mcp::PipelineDiffReviewer diff_reviewer(review_runtime.provider.get(),
                                            ReviewOptionsFor(config));
    mcp::McpServer mcp_server({.db = db->get(),
                               .pool = &pool,
                               .clock = &clock,
                               .context = &mcp_context,
                               .reviewer = &diff_reviewer,
                               .project_map = nullptr});
    deps.mcp.server = &mcp_server;
    deps.mcp.authenticate = authenticate;
    deps.mcp.allowed_origins = {config.backend_url, config.frontend_url};
    deps.mcp.clock = &clock;
    http::Router router = BuildRoutes(deps);

    // On PostgreSQL, jobs that other processes queue (other serve nodes, `nectr jobs retry`)
    // wake these workers too.
    std::unique_ptr<store::PostgresListener> wakeups;
    if (config.workers > 0) {
        auto started = StartJobWakeups(config, (*db)->GetEngine(), [&worker] { worker.Notify(); });
        if (!started) {
            std::cerr << "nectr: " << started.error().detail << "\n";
            return 1;
        }
        wakeups = std::move(*started);
    }

    http::ServerOptions options;
    options.host = config.host;
    options.port = config.port;
    options.io_threads = CoreCount();
    http::Server server(options, router, metrics);
    auto port = server.Start();
    if (!port) {
        std::cerr << "nectr: " << port.error().detail << "\n";
        return 1;
    }
    server.StopOnSignals();
    if (config.workers > 0) {
        queue::WorkerOptions worker_options;
        worker_options.concurrency = static_cast<std::size_t>(config.workers);
        if (config.worker_poll_seconds > 0) {
            worker_options.poll_interval = std::chrono::seconds(config.worker_poll_seconds);
        }
        SpawnWorkers(server, jobs,
                     JobHandlerDeps{db->get(), &pool, &clock, review_runtime.services.get()},
                     worker_options, worker);
    }
    NECTR_LOG_INFO("server.started", "version={} env={} host={} port={} database={} workers={}",
                   core::kVersion, core::AppEnvName(config.env), config.host, *port,
                   (*db)->Describe(), config.workers);
    std::cout << "Nectr " << core::kVersion << " is running at http://" << DisplayHost(config.host)
              << ":" << *port << " (" << core::AppEnvName(config.env) << ", " << (*db)->Describe()
              << "). Press Ctrl+C to stop." << std::endl;
    server.Wait();
    if (wakeups) {
        wakeups->Stop();
    }
    ingest.Stop();
    pool.Join();
    NECTR_LOG_INFO(
        "server.stopped", "uptime_s={}",
        std::chrono::duration_cast<std::chrono::seconds>(clock.Steady() - started).count());
    return 0;
}

}  // namespace nectr::app
