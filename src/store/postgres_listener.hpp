#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/error.hpp"

namespace nectr::store {

using core::Result;

struct ListenerOptions {
    std::string url;      // postgresql://..., as DATABASE_URL gives it
    std::string channel;  // a plain identifier: [a-z_][a-z0-9_]*, at most 63 characters
    // Only notifications whose payload is the session's current schema count (the job queue
    // sends its schema), so that Nectr instances in other schemas of one database, tests
    // among them, do not wake each other.
    bool only_own_schema = false;
    std::chrono::seconds connect_timeout{5};
    // Waits between reconnection attempts: doubles from min_backoff up to max_backoff while
    // the server stays unreachable, and starts again at min_backoff once it listens.
    std::chrono::milliseconds min_backoff{100};
    std::chrono::milliseconds max_backoff{5000};
};

// A dedicated PostgreSQL session that LISTENs on one channel and calls `on_signal` on its own
// thread for every batch of notifications that arrives, and once after each (re)connection,
// because notifications sent while it was not listening are lost. It waits on the socket with
// poll(), so it costs nothing while idle. A lost connection (server restart, terminated
// session, network) is reopened with backoff for as long as the listener lives; TCP
// keepalives notice a peer that vanished silently. Nothing it does blocks its caller.
class PostgresListener {
public:
    // `on_signal` runs on the listener's thread: it must be thread-safe, and must neither
    // block nor throw. Starts the thread and returns at once; an unreachable server is
    // retried in the background. Errors: kInvalidInput for a URL that is not PostgreSQL or a
    // channel that is not a plain identifier; kInternal when the thread cannot be set up.
    static Result<std::unique_ptr<PostgresListener>> Start(ListenerOptions options,
                                                           std::function<void()> on_signal);
    // Stop().
    ~PostgresListener();
    PostgresListener(const PostgresListener&) = delete;
    PostgresListener& operator=(const PostgresListener&) = delete;

    // Closes the session and joins the thread; `on_signal` is not called any more once it
    // returns. Prompt even while connecting or backing off. Idempotent.
    void Stop();

    // True while the session is open and LISTEN has succeeded.
    bool Listening() const { return backend_pid_.load() != 0; }
    // The server process of the current session, 0 when there is none (for operators and
    // tests that need to end that very session).
    int BackendPid() const { return backend_pid_.load(); }
    // How many sessions have reached LISTEN since Start.
    std::uint64_t Connects() const { return connects_.load(); }
    // How many notifications that count (see only_own_schema) have arrived since Start.
    std::uint64_t Notifications() const { return notifications_.load(); }

private:
    PostgresListener(ListenerOptions options, std::string conninfo, std::function<void()> on_signal,
                     int wake_fd);
    void Run();

    struct Session;
    const ListenerOptions options_;
    const std::string conninfo_;
    const std::function<void()> on_signal_;
    const int wake_fd_;  // an eventfd that Stop writes to: every wait also polls it
    std::atomic<bool> stopping_{false};
    std::atomic<int> backend_pid_{0};
    std::atomic<std::uint64_t> connects_{0};
    std::atomic<std::uint64_t> notifications_{0};
    std::thread thread_;
};

}  // namespace nectr::store
