#include "app/worker_runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "app/job_handlers.hpp"

namespace nectr::app {
namespace {

namespace net = boost::asio;

net::awaitable<void> RunUntilStopped(http::Server& server, queue::JobQueue& jobs,
                                     JobHandlerDeps handlers, queue::WorkerOptions options,
                                     WorkerSlot& current) {
    auto executor = co_await net::this_coro::executor;
    queue::Worker worker(executor, jobs, *handlers.pool, std::move(options));
    RegisterJobHandlers(worker, handlers);
    worker.Start();
    current.Set(&worker);
    // Sleeps until the server's stop callback wakes it. The callback may run at any time, even
    // after this coroutine ended, so it shares ownership of the timer and of the flag, and
    // touches them only on this strand, where the check below also runs.
    struct StopWait {
        explicit StopWait(net::any_io_executor ex)
            : timer(ex, net::steady_timer::time_point::max()) {}
        net::steady_timer timer;
        bool stopped = false;
    };
    auto wait = std::make_shared<StopWait>(executor);
    server.AddStopCallback([executor, wait] {
        net::post(executor, [wait] {
            wait->stopped = true;
            wait->timer.cancel();
        });
    });
    if (!wait->stopped) {
        auto [ec] = co_await wait->timer.async_wait(net::as_tuple(net::use_awaitable));
        (void)ec;  // cancelled by the stop, the only way out
    }
    current.Set(nullptr);
    co_await worker.Stop();
}

}  // namespace

void SpawnWorkers(http::Server& server, queue::JobQueue& jobs, const JobHandlerDeps& handlers,
                  queue::WorkerOptions options, WorkerSlot& current) {
    server.Spawn("queue.workers",
                 [&server, &jobs, handlers, options, &current]() -> net::awaitable<void> {
                     // A strand of its own: the timer and the worker are touched only from it.
                     auto strand = net::make_strand(co_await net::this_coro::executor);
                     auto body = RunUntilStopped(server, jobs, handlers, options, current);
                     co_await net::co_spawn(strand, std::move(body), net::use_awaitable);
                 });
}

}  // namespace nectr::app
