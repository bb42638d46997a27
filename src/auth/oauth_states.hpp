#pragma once

// The `state` of GitHub's OAuth web flow: random, stored, good for one callback within five
// minutes. Calls block (run them on the blocking pool).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::auth {

inline constexpr std::chrono::minutes kOAuthStateLifetime{5};

// 32 bytes from OpenSSL's generator as 64 lowercase hex digits.
std::string NewOAuthState();

// Stores `state`, expiring kOAuthStateLifetime after `now_ms`, and drops states that expired
// before it (so the table holds at most five minutes of sign-ins). kUnavailable on a store
// failure.
core::Result<void> SaveOAuthState(store::Database& db, std::string_view state, std::int64_t now_ms);

// Uses up `state`: true when it was stored, unused and unexpired at `now_ms`, which is then
// so for no later call (one statement, so two racing callbacks cannot both win); false for
// an unknown, used or expired state. kUnavailable on a store failure.
core::Result<bool> ConsumeOAuthState(store::Database& db, std::string_view state,
                                     std::int64_t now_ms);

}  // namespace nectr::auth
