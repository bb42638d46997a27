#include "mcp/sessions.hpp"

#include <array>

#include "auth/primitives.hpp"

namespace nectr::mcp {

std::string NewSessionId() {
    std::array<unsigned char, 32> bytes{};
    auth::FillRandom(bytes);
    return auth::HexLower(bytes);
}

SessionTable::SessionTable(std::chrono::seconds idle_timeout, std::size_t max_per_user)
    : idle_timeout_(idle_timeout), max_per_user_(max_per_user) {}

std::string SessionTable::Create(std::int64_t user_id, SessionState state, SteadyTime now) {
    std::lock_guard lock(mutex_);
    DropExpired(now);
    EnforceLimit(user_id);
    std::string id = NewSessionId();
    sessions_[id] = Entry{user_id, std::move(state), now};
    return id;
}

std::optional<SessionState> SessionTable::Find(const std::string& id, std::int64_t user_id,
                                               SteadyTime now) {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(id);
    if (found == sessions_.end() || found->second.user_id != user_id) {
        return std::nullopt;
    }
    if (now - found->second.last_used > idle_timeout_) {
        sessions_.erase(found);
        return std::nullopt;
    }
    found->second.last_used = now;
    return found->second.state;
}

bool SessionTable::Remove(const std::string& id, std::int64_t user_id) {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(id);
    if (found == sessions_.end() || found->second.user_id != user_id) {
        return false;
    }
    sessions_.erase(found);
    return true;
}

std::size_t SessionTable::Size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SessionTable::DropExpired(SteadyTime now) {
    std::erase_if(sessions_,
                  [&](const auto& item) { return now - item.second.last_used > idle_timeout_; });
}

void SessionTable::EnforceLimit(std::int64_t user_id) {
    for (;;) {
        std::size_t count = 0;
        auto oldest = sessions_.end();
        for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
            if (it->second.user_id != user_id) {
                continue;
            }
            ++count;
            if (oldest == sessions_.end() || it->second.last_used < oldest->second.last_used) {
                oldest = it;
            }
        }
        if (count < max_per_user_ || oldest == sessions_.end()) {
            return;
        }
        sessions_.erase(oldest);
    }
}

SseSessionTable::SseSessionTable(std::size_t max_per_user) : max_per_user_(max_per_user) {}

std::shared_ptr<SseSession> SseSessionTable::Open(std::int64_t user_id) {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (const auto& [id, session] : sessions_) {
        count += session->user_id == user_id ? 1 : 0;
    }
    if (count >= max_per_user_) {
        return nullptr;
    }
    auto session = std::make_shared<SseSession>();
    session->id = NewSessionId();
    session->user_id = user_id;
    sessions_[session->id] = session;
    return session;
}

std::shared_ptr<SseSession> SseSessionTable::Find(const std::string& id,
                                                  std::int64_t user_id) const {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(id);
    if (found == sessions_.end() || found->second->user_id != user_id) {
        return nullptr;
    }
    return found->second;
}

void SseSessionTable::Close(const std::string& id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
}

}  // namespace nectr::mcp
