#include "store/connection_pool.hpp"

#include <fmt/core.h>

#include <utility>

#include "core/log.hpp"

namespace nectr::store {

ConnectionPool::ConnectionPool(std::string name, Factory factory, std::size_t max_size,
                               std::chrono::milliseconds acquire_timeout)
    : name_(std::move(name)),
      factory_(std::move(factory)),
      max_size_(max_size),
      acquire_timeout_(acquire_timeout) {
    NECTR_ASSERT(max_size_ >= 1, "a connection pool needs room for at least one connection");
    NECTR_ASSERT(factory_ != nullptr, "a connection pool needs a factory");
}

ConnectionPool::~ConnectionPool() {
    std::lock_guard lock(mutex_);
    NECTR_ASSERT(idle_.size() == open_,
                 "every borrowed connection must be returned before its pool is destroyed");
}

Result<PooledConnection> ConnectionPool::Acquire() {
    const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    while (true) {
        std::unique_ptr<Connection> candidate;
        {
            std::unique_lock lock(mutex_);
            const bool ready = available_.wait_until(
                lock, deadline, [this] { return !idle_.empty() || open_ < max_size_; });
            if (!ready) {
                return core::MakeError(
                    core::Errc::kTimeout,
                    fmt::format("no {} connection became free within {} ms (all {} are in use)",
                                name_, acquire_timeout_.count(), max_size_));
            }
            if (!idle_.empty()) {
                candidate = std::move(idle_.back());  // the most recently used: likely alive
                idle_.pop_back();
            } else {
                ++open_;  // reserve the slot, then connect without holding the lock
            }
        }
        if (candidate) {
            // Checked outside the lock: on PostgreSQL this looks at the socket.
            if (candidate->IsHealthy()) {
                return PooledConnection(this, std::move(candidate));
            }
            Discard(std::move(candidate), "found broken while idle");
            continue;
        }
        Result<std::unique_ptr<Connection>> opened = factory_();
        if (!opened) {
            {
                std::lock_guard lock(mutex_);
                --open_;
            }
            available_.notify_one();
            return opened.error();
        }
        NECTR_ASSERT(*opened != nullptr, "a connection factory must not return null on success");
        NECTR_LOG_DEBUG("store.connection_opened", "engine={}", name_);
        return PooledConnection(this, std::move(*opened));
    }
}

void ConnectionPool::Adopt(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (open_ < max_size_) {
            ++open_;
            idle_.push_back(std::move(connection));
        }
    }
    available_.notify_one();
    // A connection the pool had no room for is closed here, outside the lock.
}

std::size_t ConnectionPool::OpenCount() const {
    std::lock_guard lock(mutex_);
    return open_;
}

std::size_t ConnectionPool::IdleCount() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

void ConnectionPool::Return(std::unique_ptr<Connection> connection) {
    if (!connection->IsHealthy()) {
        Discard(std::move(connection), "returned broken or inside a transaction");
        return;
    }
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    available_.notify_one();
}

void ConnectionPool::Discard(std::unique_ptr<Connection> connection, const char* reason) {
    connection.reset();
    {
        std::lock_guard lock(mutex_);
        --open_;
    }
    available_.notify_one();
    NECTR_LOG_WARN("store.connection_discarded", "engine={} reason=\"{}\"", name_, reason);
}

}  // namespace nectr::store
