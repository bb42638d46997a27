#include "queue/worker_impl.hpp"

#include <fmt/core.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

#include "core/log.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

// (Coroutine code here follows docs/decisions.md "Coroutines on g++ 12": lambdas, functions and
// awaitables are named first, and a co_await expression holds nothing but the awaited call.)

// Awaits blocking-pool work with no cancellation slot attached. Boost 1.81's co_spawn entry
// point, which core::BlockingPool::Run uses, throws out of the pool thread (std::terminate)
// when a cancellation reaches a coroutine while its pool work runs. The watch is cancelled
// whenever its handler finishes first, so its heartbeat must not be reachable; the watch
// looks at its cancellation state itself once the heartbeat is back.
template <typename T>
net::awaitable<T> Shielded(core::BlockingPool& pool, std::function<T()> work) {
    const net::any_io_executor executor = co_await net::this_coro::executor;
    net::awaitable<T> call = pool.Call<T>(std::move(work));
    T result = co_await net::co_spawn(
        executor, std::move(call),
        net::bind_cancellation_slot(net::cancellation_slot(), net::use_awaitable));
    co_return result;
}

}  // namespace

net::awaitable<void> Worker::Impl::RunJob(Job job, std::string worker_id) {
    using net::experimental::awaitable_operators::operator||;
    const auto handler = handlers.find(job.kind);
    if (handler == handlers.end()) {
        NECTR_LOG_ERROR("queue.unknown_job_kind", "job_id={} kind={} worker={}", job.id, job.kind,
                        worker_id);
        // kInvalidInput is not retryable: no attempt can help a job nobody handles.
        AttemptOutcome unhandled = core::Result<void>(core::MakeError(
            Errc::kInvalidInput,
            fmt::format("no handler for job kind '{}' is registered in this worker", job.kind)));
        co_await Record(std::move(job), std::move(worker_id), std::move(unhandled));
        co_return;
    }
    NECTR_LOG_INFO("queue.job_started", "job_id={} kind={} attempt={}/{} worker={}", job.id,
                   job.kind, job.attempts, job.max_attempts, worker_id);
    if (stopping) {
        // Claimed while Stop began: hand it straight back.
        AttemptOutcome shutdown = WatchOutcome::kShutdown;
        co_await Record(std::move(job), std::move(worker_id), std::move(shutdown));
        co_return;
    }
    // Whichever ends first wins and the other is cancelled: the handler finishing, or the
    // watch seeing the lease lost, a cancel request or the end of the shutdown grace period.
    net::awaitable<core::Result<void>> run = RunHandler(handler->second, job);
    net::awaitable<WatchOutcome> watch = Watch(job.id, worker_id);
    AttemptOutcome outcome = co_await (std::move(run) || std::move(watch));
    co_await Record(std::move(job), std::move(worker_id), std::move(outcome));
}

net::awaitable<core::Result<void>> Worker::Impl::RunHandler(JobHandler handler, Job job) {
    try {
        net::awaitable<core::Result<void>> run = handler(job);
        core::Result<void> result =
            co_await net::co_spawn(executor, std::move(run), net::use_awaitable);
        co_return result;
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
        const net::cancellation_state woken = co_await net::this_coro::cancellation_state;
        if (woken.cancelled() != net::cancellation_type::none) {
            break;
        }
        if (stopping && SteadyClock::now() >= stop_deadline) {
            outcome = WatchOutcome::kShutdown;
            break;
        }
        if (SteadyClock::now() < next_beat) {
            continue;  // Stop woke the timer to shorten the wait to the grace deadline
        }
        std::function<Result<HeartbeatReply>()> heartbeat = [this, job_id, &worker_id] {
            return queue.Heartbeat(job_id, worker_id);
        };
        Result<HeartbeatReply> beat =
            co_await Shielded<Result<HeartbeatReply>>(pool, std::move(heartbeat));
        next_beat = SteadyClock::now() + heartbeat_interval;
        const net::cancellation_state beaten = co_await net::this_coro::cancellation_state;
        if (beaten.cancelled() != net::cancellation_type::none) {
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

std::function<Result<void>()> Worker::Impl::Finisher(const Job& job, const std::string& worker_id,
                                                     const AttemptOutcome& outcome) {
    // Each write runs on a pool thread: it captures copies, and touches only the thread-safe
    // queue, counters and log.
    const std::int64_t job_id = job.id;
    if (const auto* result = std::get_if<core::Result<void>>(&outcome); result && *result) {
        return [this, job_id, worker_id, kind = job.kind]() -> Result<void> {
            Result<void> completed = queue.Complete(job_id, worker_id);
            if (completed) {
                counters.succeeded.fetch_add(1);
                NECTR_LOG_INFO("queue.job_succeeded", "job_id={} kind={}", job_id, kind);
            }
            return completed;
        };
    } else if (result) {
        const core::Error& error = result->error();
        return [this, job_id, worker_id, kind = job.kind,
                reason = fmt::format("{}: {}", core::ErrcName(error.code), error.detail),
                retryable = IsRetryable(error.code)]() -> Result<void> {
            Result<FailOutcome> failed = queue.Fail(job_id, worker_id, reason, retryable);
            counters.failed.fetch_add(1);
            if (!failed) {
                return failed.error();
            }
            NECTR_LOG_INFO("queue.job_failed", "job_id={} kind={} state={} error=\"{}\"", job_id,
                           kind, JobStateName(failed->state), reason);
            return {};
        };
    }
    switch (std::get<WatchOutcome>(outcome)) {
        case WatchOutcome::kLeaseLost:
            return [this, job_id, worker_id]() -> Result<void> {
                counters.leases_lost.fetch_add(1);
                NECTR_LOG_WARN("queue.lease_lost", "job_id={} worker={}", job_id, worker_id);
                return {};  // the job is another worker's now: nothing to write
            };
        case WatchOutcome::kCancelRequested:
            return [this, job_id, worker_id]() -> Result<void> {
                counters.cancelled.fetch_add(1);
                NECTR_LOG_INFO("queue.job_cancelled", "job_id={}", job_id);
                return queue.AcknowledgeCancel(job_id, worker_id);
            };
        case WatchOutcome::kShutdown:
        case WatchOutcome::kAbandoned:
            break;
    }
    return [this, job_id, worker_id]() -> Result<void> {
        counters.released.fetch_add(1);
        NECTR_LOG_INFO("queue.job_released", "job_id={}", job_id);
        Result<JobState> released = queue.Release(job_id, worker_id);
        if (!released) {
            return released.error();
        }
        return {};
    };
}

net::awaitable<void> Worker::Impl::Record(Job job, std::string worker_id, AttemptOutcome outcome) {
    std::function<Result<void>()> write = Finisher(job, worker_id, outcome);
    Result<void> recorded = co_await pool.Call<Result<void>>(std::move(write));
    if (!recorded) {
        // The job keeps its lease until it expires; then another worker claims it again.
        NECTR_LOG_WARN("queue.record_failed", "job_id={} worker={} error=\"{}\"", job.id, worker_id,
                       recorded.error().detail);
    }
}

}  // namespace nectr::queue
