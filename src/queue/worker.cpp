#include "queue/worker.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

#include "core/log.hpp"
#include "queue/worker_impl.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

// A claim loop whose store calls keep failing logs its first failure and then one in this many.
constexpr std::uint64_t kClaimErrorLogEvery = 60;

}  // namespace

bool IsRetryable(Errc code) {
    switch (code) {
        case Errc::kInvalidInput:
        case Errc::kNotFound:
        case Errc::kForbidden:
        case Errc::kTooLarge:
        case Errc::kUnsupportedMediaType:
            return false;
        default:
            return true;
    }
}

std::string DefaultWorkerName() {
    char host[256] = {};
    if (::gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') {
        return fmt::format("worker:{}", ::getpid());
    }
    return fmt::format("{}:{}", host, ::getpid());
}

void Worker::Impl::WakeAll(std::set<net::steady_timer*>& timers) {
    for (net::steady_timer* timer : timers) {
        timer->cancel();
    }
}

void Worker::Impl::LoopEnded(const std::exception_ptr& error) {
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& thrown) {
            NECTR_LOG_ERROR("queue.worker_loop_crashed", "worker={} error=\"{}\"", name,
                            thrown.what());
        }
    }
    --live_loops;
    if (live_loops == 0) {
        WakeAll(stop_waiters);
    }
}

net::awaitable<void> Worker::Impl::Idle(net::steady_timer& timer) {
    if (stopping) {
        co_return;  // Stop may have run while this loop was in the database: nobody wakes it
    }
    idle_timers.insert(&timer);
    counters.idle_waits.fetch_add(1);
    timer.expires_after(options.poll_interval);
    co_await timer.async_wait(kUseTuple);  // the poll interval passed, or Notify/Stop woke it
    idle_timers.erase(&timer);
}

net::awaitable<void> Worker::Impl::ClaimLoop(std::string worker_id) {
    net::steady_timer idle(strand);
    std::uint64_t claim_errors = 0;
    while (!stopping) {
        // A Notify that lands while the claim runs may concern a job the claim missed: the
        // generation tells, and the loop then claims again instead of sleeping.
        const std::uint64_t generation = notify_generation;
        std::function<Result<std::optional<Job>>()> claim = [this, &worker_id] {
            return queue.Claim(worker_id, claim_kinds);
        };
        Result<std::optional<Job>> claimed =
            co_await pool.Call<Result<std::optional<Job>>>(std::move(claim));
        if (!claimed) {
            if (claim_errors++ % kClaimErrorLogEvery == 0) {
                NECTR_LOG_WARN("queue.claim_failed", "worker={} failures={} error=\"{}\"",
                               worker_id, claim_errors, claimed.error().detail);
            }
            co_await Idle(idle);
            continue;
        }
        claim_errors = 0;
        if (!*claimed) {
            if (generation == notify_generation) {
                co_await Idle(idle);
            }
            continue;
        }
        counters.claims.fetch_add(1);
        co_await RunJob(std::move(**claimed), worker_id);
    }
}

net::awaitable<void> Worker::Impl::StopOnStrand() {
    if (!stopping) {
        stopping = true;
        stop_deadline = SteadyClock::now() + options.shutdown_grace;
        NECTR_LOG_INFO("queue.worker_stopping", "worker={} loops={} grace_ms={}", name, live_loops,
                       options.shutdown_grace.count());
        WakeAll(idle_timers);
        WakeAll(watch_timers);
    }
    net::steady_timer waiter(strand, SteadyClock::time_point::max());
    stop_waiters.insert(&waiter);
    while (live_loops > 0) {
        co_await waiter.async_wait(kUseTuple);  // LoopEnded wakes it when the last loop ends
    }
    stop_waiters.erase(&waiter);
}

Worker::Worker(net::any_io_executor executor, JobQueue& queue, core::BlockingPool& pool,
               WorkerOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), queue, pool, std::move(options))) {}

Worker::~Worker() = default;

void Worker::Register(std::string kind, JobHandler handler) {
    NECTR_ASSERT(!impl_->started, "handlers are registered before Start");
    impl_->handlers.insert_or_assign(std::move(kind), std::move(handler));
}

void Worker::Start() {
    NECTR_ASSERT(!impl_->started, "a worker starts once");
    impl_->started = true;
    if (impl_->options.claim_registered_kinds_only) {
        for (const auto& [kind, handler] : impl_->handlers) {
            impl_->claim_kinds += impl_->claim_kinds.empty() ? kind : "," + kind;
        }
        if (impl_->claim_kinds.empty()) {
            NECTR_LOG_WARN("queue.worker_idle", "worker={} note=\"no job kinds registered\"",
                           impl_->name);
            return;  // nothing it may claim; Stop still works
        }
    }
    std::shared_ptr<Impl> impl = impl_;
    net::post(impl->strand, [impl] {
        if (impl->stopping) {
            return;
        }
        NECTR_LOG_INFO("queue.worker_started", "worker={} loops={}", impl->name,
                       impl->options.concurrency);
        for (std::size_t n = 1; n <= impl->options.concurrency; ++n) {
            ++impl->live_loops;
            net::co_spawn(impl->strand, impl->ClaimLoop(fmt::format("{}:{}", impl->name, n)),
                          net::bind_executor(impl->strand, [impl](const std::exception_ptr& error) {
                              impl->LoopEnded(error);
                          }));
        }
    });
}

void Worker::Notify() {
    // The wake-up holds the state alive: a Notify may land after the Worker is gone.
    net::post(impl_->strand, [impl = impl_] {
        ++impl->notify_generation;
        impl->WakeAll(impl->idle_timers);
    });
}

net::awaitable<void> Worker::Stop() {
    net::awaitable<void> stop = impl_->StopOnStrand();
    co_await net::co_spawn(impl_->strand, std::move(stop), net::use_awaitable);
}

WorkerCounters Worker::Counters() const {
    const WorkerAtomicCounters& counters = impl_->counters;
    return WorkerCounters{counters.claims.load(),     counters.idle_waits.load(),
                          counters.succeeded.load(),  counters.failed.load(),
                          counters.released.load(),   counters.cancelled.load(),
                          counters.leases_lost.load()};
}

const std::string& Worker::Name() const { return impl_->name; }

}  // namespace nectr::queue
