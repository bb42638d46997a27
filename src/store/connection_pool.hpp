#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::store {

// A bounded pool of connections of one engine, shared by threads. Connections are opened
// lazily through the factory, up to `max_size`. A connection whose IsHealthy() is false when it
// comes back (or when it is about to be handed out again) is closed, and its slot is free for a
// new one: that is how a restarted PostgreSQL server gets reconnected to.
class ConnectionPool {
public:
    using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

    // `name` appears in logs and errors ("sqlite", "postgres"). `max_size` must be at least 1.
    ConnectionPool(std::string name, Factory factory, std::size_t max_size,
                   std::chrono::milliseconds acquire_timeout);
    // Every borrowed connection must have been returned (asserted).
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // Hands out an idle connection, or opens one while the pool has room, or waits up to the
    // acquire timeout for one to come back. Blocks. Errors: kTimeout when none came back in
    // time; whatever the factory returned (kUnavailable, ...) when opening failed.
    Result<PooledConnection> Acquire();

    // Adds a connection opened by the caller (a check at startup) as an idle one. It counts
    // towards the maximum; a pool that is already full closes it instead.
    void Adopt(std::unique_ptr<Connection> connection);

    // Connections open now: idle, borrowed, or being opened.
    std::size_t OpenCount() const;
    std::size_t IdleCount() const;
    std::size_t MaxSize() const { return max_size_; }

private:
    friend class PooledConnection;
    // Called by PooledConnection: keeps a healthy connection, closes a broken one.
    void Return(std::unique_ptr<Connection> connection);
    // Closes a connection outside the lock (closing may wait on the network) and frees its slot.
    void Discard(std::unique_ptr<Connection> connection, const char* reason);

    const std::string name_;
    const Factory factory_;
    const std::size_t max_size_;
    const std::chrono::milliseconds acquire_timeout_;

    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
    std::size_t open_ = 0;                           // guarded by mutex_
};

}  // namespace nectr::store
