#pragma once

// The sessions of the HTTP transports, in memory. A session belongs to the user who opened it:
// another user's id reads as unknown. Sessions idle longer than the timeout are dropped, and a
// user holds at most a fixed number (the least recently used goes first), so that clients that
// never end their sessions cannot fill memory. Thread-safe.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/stream.hpp"
#include "mcp/dispatcher.hpp"

namespace nectr::mcp {

using SteadyTime = std::chrono::steady_clock::time_point;

// 32 random bytes in hex: visible ASCII, as the specification asks, and unguessable.
std::string NewSessionId();

class SessionTable {
public:
    SessionTable(std::chrono::seconds idle_timeout, std::size_t max_per_user);

    // Opens a session for `user_id` and returns its id.
    std::string Create(std::int64_t user_id, SessionState state, SteadyTime now);
    // The state of a live session of `user_id`, marked used; nullopt when unknown, expired or
    // another user's.
    std::optional<SessionState> Find(const std::string& id, std::int64_t user_id, SteadyTime now);
    // Ends a session; false when there was no such session of `user_id`.
    bool Remove(const std::string& id, std::int64_t user_id);
    std::size_t Size() const;

private:
    struct Entry {
        std::int64_t user_id = 0;
        SessionState state;
        SteadyTime last_used;
    };
    void DropExpired(SteadyTime now);
    void EnforceLimit(std::int64_t user_id);

    std::chrono::seconds idle_timeout_;
    std::size_t max_per_user_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry> sessions_;
};

// One session of the legacy HTTP+SSE transport: its event stream's queue and its state.
struct SseSession {
    std::string id;
    std::int64_t user_id = 0;
    std::shared_ptr<http::MessageQueue> queue = std::make_shared<http::MessageQueue>();
    std::mutex mutex;  // guards state
    SessionState state;
};

// The open legacy streams, by session id. A session lives as long as its stream.
class SseSessionTable {
public:
    explicit SseSessionTable(std::size_t max_per_user);
    // nullptr when the user has too many streams open.
    std::shared_ptr<SseSession> Open(std::int64_t user_id);
    // nullptr when unknown or another user's.
    std::shared_ptr<SseSession> Find(const std::string& id, std::int64_t user_id) const;
    void Close(const std::string& id);

private:
    std::size_t max_per_user_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<SseSession>> sessions_;
};

}  // namespace nectr::mcp
