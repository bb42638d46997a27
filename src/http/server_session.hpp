#pragma once

// Internal to the server: what server.cpp (listening, stopping) and server_session.cpp
// (one connection's requests) share. Include it from those two files only: it pulls in
// the Asio networking headers.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace nectr::http {

// The open connections, so that a stop can reach them from another thread.
class ConnectionRegistry {
public:
    // Asks one connection to close. With `idle_only`, only if it waits for a request.
    // Must not block: connections post the work onto their own strand.
    using CloseFn = std::function<void(bool idle_only)>;

    std::uint64_t Add(CloseFn close);
    void Remove(std::uint64_t id);
    // Calls every registered CloseFn.
    void CloseAll(bool idle_only);
    std::size_t Size() const;

private:
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    std::map<std::uint64_t, CloseFn> connections_;
};

// What every connection of one server shares; owned by the server, which outlives them.
struct SessionEnv {
    const ServerOptions& options;
    const Router& router;
    core::Metrics& metrics;
    ConnectionRegistry& registry;
    const std::atomic<bool>& stopping;
};

// Serves the requests of one accepted connection until it closes, times out, or a stop
// reaches it. Runs on the socket's executor (a strand when there are several I/O threads).
net::awaitable<void> RunSession(net::ip::tcp::socket socket, SessionEnv* env);

}  // namespace nectr::http
