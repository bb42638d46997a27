#include "core/blocking_pool.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nectr::core {

struct BlockingPool::Impl {
    explicit Impl(std::size_t threads) : pool(threads) {}
    net::thread_pool pool;
};

BlockingPool::BlockingPool(std::size_t threads)
    : impl_(std::make_unique<Impl>(threads == 0 ? 1 : threads)),
      size_(threads == 0 ? 1 : threads) {}

BlockingPool::~BlockingPool() { Join(); }

net::awaitable<void> BlockingPool::Run(std::function<void()> work) {
    // co_spawn onto the pool runs the body there and completes the awaiting coroutine
    // through its own executor, so the caller never continues on a pool thread.
    // The lambda is named before the co_await: g++ 12 destroys a capturing lambda written
    // inside a co_await expression twice.
    auto body = [work = std::move(work)]() -> net::awaitable<void> {
        work();
        co_return;
    };
    // An empty cancellation slot shields the pool-side coroutine: in Boost 1.81 a cancellation
    // of the awaiting coroutine can otherwise throw out of co_spawn's entry point on a pool
    // thread and terminate the process. Blocking work cannot be interrupted anyway.
    co_await net::co_spawn(impl_->pool.get_executor(), std::move(body),
                           net::bind_cancellation_slot(net::cancellation_slot(), net::use_awaitable));
}

void BlockingPool::Post(std::function<void()> work) { net::post(impl_->pool, std::move(work)); }

void BlockingPool::Join() { impl_->pool.join(); }

}  // namespace nectr::core
