#include "queue/worker.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <map>
#include <set>
#include <utility>
#include <variant>

#include "core/log.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

// A claim loop whose store calls keep failing logs its first failure and then one in this many.
constexpr std::uint64_t kClaimErrorLogEvery = 60;

// Why the watch beside a running handler ended before the handler did.
enum class WatchOutcome { kLeaseLost, kCancelRequested, kShutdown, kAbandoned };

// Awaits blocking-pool work with no cancellation slot attached. Boost 1.81's co_spawn entry
// point, which core::BlockingPool::Run uses, throws out of the pool thread (std::terminate)
// when a cancellation reaches a coroutine while its pool work runs. The watch is cancelled
// whenever its handler finishes first, so its heartbeat must not be reachable; the watch
// looks at its cancellation state itself once the heartbeat is back.
template <typename T>
net::awaitable<T> Shielded(core::BlockingPool& pool, std::function<T()> work) {
    co_return co_await net::co_spawn(
        co_await net::this_coro::executor, pool.Call<T>(std::move(work)),
        net::bind_cancellation_slot(net::cancellation_slot(), net::use_awaitable));
}

std::string DefaultName() {
    char host[256] = {};
    if (::gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') {
        return fmt::format("worker:{}", ::getpid());
    }
    return fmt::format("{}:{}", host, ::getpid());
}

struct AtomicCounters {
    std::atomic<std::uint64_t> claims{0};
    std::atomic<std::uint64_t> idle_waits{0};
    std::atomic<std::uint64_t> succeeded{0};
    std::atomic<std::uint64_t> failed{0};
    std::atomic<std::uint64_t> released{0};
    std::atomic<std::uint64_t> cancelled{0};
    std::atomic<std::uint64_t> leases_lost{0};
};

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

// Everything below runs on strand_ unless it says otherwise, so the state needs no lock.
struct Worker::Impl {
    Impl(net::any_io_executor executor_in, JobQueue& queue_in, core::BlockingPool& pool_in,
         WorkerOptions options_in)
        : executor(std::move(executor_in)),
          strand(net::make_strand(executor)),
          queue(queue_in),
          pool(pool_in),
          options(std::move(options_in)),
          name(options.name.empty() ? DefaultName() : options.name),
          heartbeat_interval(options.heartbeat_interval.value_or(
              std::max(std::chrono::milliseconds(1), queue.Options().lease / 3))) {}

    net::awaitable<void> ClaimLoop(std::string worker_id);
    net::awaitable<void> RunJob(Job job, std::string worker_id);
    net::awaitable<core::Result<void>> RunHandler(JobHandler handler, Job job);
    net::awaitable<WatchOutcome> Watch(std::int64_t job_id, std::string worker_id);
    net::awaitable<void> Record(Job job, std::string worker_id,
                                std::variant<core::Result<void>, WatchOutcome> outcome);
    net::awaitable<void> Idle(net::steady_timer& timer);
    net::awaitable<void> StopOnStrand();
    void WakeAll(std::set<net::steady_timer*>& timers);
    void LoopEnded(const std::exception_ptr& error);

    net::any_io_executor executor;
    net::strand<net::any_io_executor> strand;
    JobQueue& queue;
    core::BlockingPool& pool;
    const WorkerOptions options;
    const std::string name;
    const std::chrono::milliseconds heartbeat_interval;
    std::map<std::string, JobHandler, std::less<>> handlers;  // read-only after Start

    bool started = false;
    bool stopping = false;
    SteadyClock::time_point stop_deadline;
    std::uint64_t notify_generation = 0;
    std::size_t live_loops = 0;
    std::set<net::steady_timer*> idle_timers;   // loops asleep for lack of work
    std::set<net::steady_timer*> watch_timers;  // heartbeat watches, woken to see a Stop
    std::set<net::steady_timer*> stop_waiters;  // Stop calls waiting for the loops to end
    AtomicCounters counters;                    // read from any thread
};

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
        Result<std::optional<Job>> claimed = co_await pool.Call<Result<std::optional<Job>>>(
            [this, &worker_id] { return queue.Claim(worker_id); });
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
            if (generation == notify_generation && !stopping) {
                co_await Idle(idle);
            }
            continue;
        }
        counters.claims.fetch_add(1);
        co_await RunJob(std::move(**claimed), worker_id);
    }
}

net::awaitable<void> Worker::Impl::RunJob(Job job, std::string worker_id) {
    using net::experimental::awaitable_operators::operator||;
    const auto handler = handlers.find(job.kind);
    if (handler == handlers.end()) {
        const std::string error =
            fmt::format("no handler for job kind '{}' is registered in this worker", job.kind);
        NECTR_LOG_ERROR("queue.unknown_job_kind", "job_id={} kind={} worker={}", job.id, job.kind,
                        worker_id);
        Result<FailOutcome> failed = co_await pool.Call<Result<FailOutcome>>(
            [&] { return queue.Fail(job.id, worker_id, error, false); });
        counters.failed.fetch_add(1);
        if (!failed) {
            NECTR_LOG_WARN("queue.record_failed", "job_id={} error=\"{}\"", job.id,
                           failed.error().detail);
        }
        co_return;
    }
    NECTR_LOG_INFO("queue.job_started", "job_id={} kind={} attempt={}/{} worker={}", job.id,
                   job.kind, job.attempts, job.max_attempts, worker_id);
    if (stopping) {
        // Claimed while Stop began: hand it straight back.
        co_await Record(job, worker_id, WatchOutcome::kShutdown);
        co_return;
    }
    // Whichever ends first wins and the other is cancelled: the handler finishing, or the
    // watch seeing the lease lost, a cancel request or the end of the shutdown grace period.
    std::variant<core::Result<void>, WatchOutcome> outcome =
        co_await (RunHandler(handler->second, job) || Watch(job.id, worker_id));
    co_await Record(std::move(job), std::move(worker_id), std::move(outcome));
}

net::awaitable<core::Result<void>> Worker::Impl::RunHandler(JobHandler handler, Job job) {
    try {
        co_return co_await net::co_spawn(executor, handler(job), net::use_awaitable);
    } catch (const std::exception& thrown) {
        // A handler that throws has a bug; the attempt fails with the reason instead of
        // taking the loop down. Cancellation also lands here, after the watch has won.
        co_return core::MakeError(Errc::kInternal,
                                  fmt::format("the job handler threw: {}", thrown.what()));
    }
}

net::awaitable<WatchOutcome> Worker::Impl::Watch(std::int64_t job_id, std::string worker_id) {
    // Cancellation (the handler won) is checked by hand below, so no co_await throws for it.
    co_await net::this_coro::throw_if_cancelled(false);
    net::steady_timer timer(strand);
    watch_timers.insert(&timer);
    SteadyClock::time_point next_beat = SteadyClock::now() + heartbeat_interval;
    WatchOutcome outcome = WatchOutcome::kAbandoned;
    while (true) {
        timer.expires_at(stopping ? std::min(next_beat, stop_deadline) : next_beat);
        co_await timer.async_wait(kUseTuple);
        if ((co_await net::this_coro::cancellation_state).cancelled() !=
            net::cancellation_type::none) {
            break;
        }
        if (stopping && SteadyClock::now() >= stop_deadline) {
            outcome = WatchOutcome::kShutdown;
            break;
        }
        if (SteadyClock::now() < next_beat) {
            continue;  // Stop woke the timer to shorten the wait to the grace deadline
        }
        Result<HeartbeatReply> beat = co_await Shielded<Result<HeartbeatReply>>(
            pool, [this, job_id, &worker_id] { return queue.Heartbeat(job_id, worker_id); });
        next_beat = SteadyClock::now() + heartbeat_interval;
        if ((co_await net::this_coro::cancellation_state).cancelled() !=
            net::cancellation_type::none) {
            break;
        }
        if (!beat && beat.error().code == Errc::kConflict) {
            outcome = WatchOutcome::kLeaseLost;
            break;
        }
        if (!beat) {
            // The lease holds until it expires; the next beat may well get through.
            NECTR_LOG_WARN("queue.heartbeat_failed", "job_id={} worker={} error=\"{}\"", job_id,
                           worker_id, beat.error().detail);
            continue;
        }
        if (beat->cancel_requested) {
            outcome = WatchOutcome::kCancelRequested;
            break;
        }
    }
    watch_timers.erase(&timer);
    co_return outcome;
}

net::awaitable<void> Worker::Impl::Record(Job job, std::string worker_id,
                                          std::variant<core::Result<void>, WatchOutcome> outcome) {
    const std::int64_t job_id = job.id;
    Result<void> recorded;
    if (const auto* result = std::get_if<core::Result<void>>(&outcome)) {
        if (*result) {
            recorded =
                co_await pool.Call<Result<void>>([&] { return queue.Complete(job_id, worker_id); });
            if (recorded) {
                counters.succeeded.fetch_add(1);
                NECTR_LOG_INFO("queue.job_succeeded", "job_id={} kind={}", job_id, job.kind);
            }
        } else {
            const core::Error& error = result->error();
            const std::string reason =
                fmt::format("{}: {}", core::ErrcName(error.code), error.detail);
            const bool retryable = IsRetryable(error.code);
            Result<FailOutcome> failed = co_await pool.Call<Result<FailOutcome>>(
                [&] { return queue.Fail(job_id, worker_id, reason, retryable); });
            counters.failed.fetch_add(1);
            NECTR_LOG_INFO(
                "queue.job_failed", "job_id={} kind={} state={} error=\"{}\"", job_id, job.kind,
                failed ? JobStateName(failed->state) : std::string_view("unknown"), reason);
            recorded = failed ? Result<void>() : Result<void>(failed.error());
        }
    } else {
        switch (std::get<WatchOutcome>(outcome)) {
            case WatchOutcome::kLeaseLost:
                counters.leases_lost.fetch_add(1);
                NECTR_LOG_WARN("queue.lease_lost", "job_id={} worker={}", job_id, worker_id);
                break;
            case WatchOutcome::kCancelRequested:
                recorded = co_await pool.Call<Result<void>>(
                    [&] { return queue.AcknowledgeCancel(job_id, worker_id); });
                counters.cancelled.fetch_add(1);
                NECTR_LOG_INFO("queue.job_cancelled", "job_id={} kind={}", job_id, job.kind);
                break;
            case WatchOutcome::kShutdown:
            case WatchOutcome::kAbandoned: {
                Result<JobState> released = co_await pool.Call<Result<JobState>>(
                    [&] { return queue.Release(job_id, worker_id); });
                counters.released.fetch_add(1);
                NECTR_LOG_INFO("queue.job_released", "job_id={} kind={}", job_id, job.kind);
                recorded = released ? Result<void>() : Result<void>(released.error());
                break;
            }
        }
    }
    if (!recorded) {
        // The job keeps its lease until it expires; then another worker claims it again.
        NECTR_LOG_WARN("queue.record_failed", "job_id={} worker={} error=\"{}\"", job_id, worker_id,
                       recorded.error().detail);
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
    co_await net::co_spawn(impl_->strand, impl_->StopOnStrand(), net::use_awaitable);
}

WorkerCounters Worker::Counters() const {
    const AtomicCounters& counters = impl_->counters;
    return WorkerCounters{counters.claims.load(),     counters.idle_waits.load(),
                          counters.succeeded.load(),  counters.failed.load(),
                          counters.released.load(),   counters.cancelled.load(),
                          counters.leases_lost.load()};
}

const std::string& Worker::Name() const { return impl_->name; }

}  // namespace nectr::queue
