#include "queue/worker.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "app/accounts_setup.hpp"
#include "app/commands.hpp"
#include "app/job_handlers.hpp"
#include "app/job_wakeup.hpp"
#include "app/review_runtime.hpp"
#include "app/settings.hpp"
#include "app/storage_setup.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "queue/job_store.hpp"

namespace nectr::app {

namespace net = boost::asio;

int RunWorker(core::Config config) {
    auto db = PrepareAndOpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    core::SystemClock clock;
    queue::JobQueue jobs(**db, clock, MakeQueueOptions(config));
    const std::size_t concurrency = static_cast<std::size_t>(std::max(config.workers, 1));
    core::BlockingPool pool(std::max<std::size_t>(2, concurrency));
    net::io_context io;
    auto strand = net::make_strand(io);
    queue::WorkerOptions options;
    options.concurrency = concurrency;
    // Other processes enqueue. On PostgreSQL their commits wake this one (LISTEN/NOTIFY) and
    // the poll is a safety net; on SQLite nothing crosses processes, so it polls more often.
    const store::Engine engine = (*db)->GetEngine();
    options.poll_interval =
        engine == store::Engine::kPostgres ? std::chrono::seconds(5) : std::chrono::seconds(2);
    if (config.worker_poll_seconds > 0) {
        options.poll_interval = std::chrono::seconds(config.worker_poll_seconds);
    }
    auto review = StartReviewRuntime(config, **db, pool, clock);
    if (!review) {
        std::cerr << "nectr: " << review.error().detail << "\n";
        return 2;
    }
    auto keys = MakeAccountKeys(config, **db, clock);
    if (!keys) {
        std::cerr << "nectr: " << keys.error().detail << "\n";
        return 1;
    }
    review->services->user_tokens = &(*keys)->user_tokens;
    queue::Worker worker(strand, jobs, pool, options);
    RegisterJobHandlers(worker, JobHandlerDeps{db->get(), &pool, &clock, review->services.get()});

    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
        if (ec) {
            return;
        }
        NECTR_LOG_INFO("worker.stopping", "signal={}", signal_number);
        // Running jobs finish within the grace period or go back to the queue.
        net::co_spawn(strand, worker.Stop(), [](std::exception_ptr error) {
            if (error) {
                NECTR_LOG_ERROR("worker.stop_failed", "");
            }
        });
    });
    auto wakeups = StartJobWakeups(config, engine, [&worker] { worker.Notify(); });
    if (!wakeups) {
        std::cerr << "nectr: " << wakeups.error().detail << "\n";
        return 1;
    }
    worker.Start();
    NECTR_LOG_INFO("worker.started", "database={} concurrency={} poll_s={} listening={}",
                   (*db)->Describe(), concurrency,
                   std::chrono::duration_cast<std::chrono::seconds>(options.poll_interval).count(),
                   *wakeups != nullptr);
    std::cout << "Nectr worker running on " << (*db)->Describe() << " with " << concurrency
              << " job slots. Press Ctrl+C to stop." << std::endl;
    io.run();
    if (*wakeups) {
        (*wakeups)->Stop();  // before the worker and the io_context it posts to are gone
    }
    pool.Join();
    NECTR_LOG_INFO("worker.stopped", "");
    return 0;
}

}  // namespace nectr::app
