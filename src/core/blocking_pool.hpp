#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace nectr::core {

namespace net = boost::asio;

// A small pool of threads for work that blocks (SQLite steps, synchronous libpq calls,
// file reads, child processes), so that no I/O thread ever waits on it.
class BlockingPool {
public:
    explicit BlockingPool(std::size_t threads);
    ~BlockingPool();
    BlockingPool(const BlockingPool&) = delete;
    BlockingPool& operator=(const BlockingPool&) = delete;

    // Runs `work` on a pool thread; the awaiting coroutine resumes on its own executor once
    // it is done. An exception thrown by `work` is rethrown in the awaiting coroutine.
    net::awaitable<void> Run(std::function<void()> work);

    // Runs `work` on a pool thread and returns its value to the awaiting coroutine.
    template <typename T>
    net::awaitable<T> Call(std::function<T()> work) {
        std::optional<T> out;
        co_await Run([&out, &work] { out.emplace(work()); });
        co_return std::move(*out);
    }

    // Runs `work` without waiting for it (used by callers that are not coroutines).
    void Post(std::function<void()> work);

    // Waits for queued work to finish and joins the threads. Idempotent.
    void Join();

    std::size_t Size() const { return size_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::size_t size_;
};

}  // namespace nectr::core
