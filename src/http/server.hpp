#pragma once

// The HTTP/1.1 server: accepts connections, reads requests, runs the route handlers and
// writes their responses. Beast and the Asio networking headers stay inside server*.cpp.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"

namespace nectr::http {

namespace net = boost::asio;

struct ServerOptions {
    std::string host = "127.0.0.1";  // an IP address or a name that resolves to one
    std::uint16_t port = 8000;       // 0 = any free port; Port() tells which
    std::size_t io_threads = 1;
    std::chrono::seconds header_timeout{30};  // to receive a request's header
    std::chrono::seconds body_timeout{120};   // to receive its body, and to send a response
    std::chrono::seconds idle_timeout{75};    // between requests on a keep-alive connection
    std::chrono::seconds shutdown_grace{30};  // for in-flight requests once a stop begins
    std::size_t max_header_bytes = std::size_t{16} * 1024;  // larger headers get 431
};

// One server per process. The router and the metrics registry must outlive it.
//
// Stopping: RequestStop() (or SIGINT/SIGTERM after StopOnSignals()) closes the listening
// socket and the connections that wait for a request; requests in flight finish and their
// responses carry `Connection: close`. Connections still open after shutdown_grace are
// closed. Wait() returns once every connection and every Spawn()ed task has ended; tasks
// are not cancelled by a stop, so a long-running task should watch for it through
// AddStopCallback(). Whatever still runs a few seconds after the grace period (a task that
// ignores the stop) is abandoned, so that Wait() always returns.
class Server {
public:
    Server(ServerOptions options, const Router& router, core::Metrics& metrics);
    // Begins a stop if none began, then waits as Wait() does.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens, then starts the I/O threads; returns the bound port. Errors:
    // kUnavailable with the reason ("cannot listen on 0.0.0.0:80: Permission denied"),
    // kInvalidInput when the host does not resolve. Call once.
    core::Result<std::uint16_t> Start();

    // The bound port after a successful Start(), otherwise 0.
    std::uint16_t Port() const;

    // Makes SIGINT and SIGTERM begin a graceful stop.
    void StopOnSignals();

    // Begins a graceful stop (see the class comment). Thread-safe, idempotent, returns at once.
    void RequestStop();

    // True once a stop has begun.
    bool StopRequested() const;

    // Registers a callback that runs once when a stop begins, on an I/O thread: the place to
    // tell spawned tasks to finish. Registered after the stop began, it runs at once on the
    // calling thread. It must be thread-safe and must not block; an exception it throws is
    // logged.
    void AddStopCallback(std::function<void()> callback);

    // Blocks until the I/O threads end, which happens only after a stop. Returns at once if
    // Start() did not succeed. Call from one thread.
    void Wait();

    // Runs `task` on the server's I/O threads. An exception that escapes it is logged with
    // `name` (http.task_failed); Wait() waits for it to end.
    void Spawn(std::string name, std::function<net::awaitable<void>()> task);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nectr::http
