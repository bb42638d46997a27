#pragma once

// Sessions ended before their expiry (sign-out). Calls block (run them on the blocking
// pool); store failures are kUnavailable.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::auth {

struct SessionStanding {
    bool user_exists = false;
    bool revoked = false;
    std::string login;  // the user's current login, when they exist
};

// Whether the session `jti` of user `user_id` still stands: the user exists and nobody
// signed the session out.
core::Result<SessionStanding> CheckSession(store::Database& db, std::int64_t user_id,
                                           std::string_view jti);

// Records that session `jti` ended; revoking twice is harmless. Revocations of sessions that
// expired before `now_ms` are dropped on the way, as expiry refuses those anyway.
core::Result<void> RevokeSession(store::Database& db, std::string_view jti, std::int64_t user_id,
                                 std::int64_t expires_at_ms, std::int64_t now_ms);

}  // namespace nectr::auth
