#pragma once

// Personal API tokens in the store: only their hashes and display prefixes. Calls block (run
// them on the blocking pool); store failures are kUnavailable.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::auth {

// A token as its owner sees it in a listing.
struct ApiTokenInfo {
    std::int64_t id = 0;
    std::string name;
    std::string prefix;
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> last_used_at_ms;
    std::optional<std::int64_t> expires_at_ms;
    std::optional<std::int64_t> revoked_at_ms;
};

struct NewApiTokenRecord {
    std::int64_t user_id = 0;
    std::string name;
    std::string hash;
    std::string prefix;
    std::optional<std::int64_t> expires_at_ms;
};

// Stores a new token; returns its id.
core::Result<std::int64_t> InsertApiToken(store::Database& db, const NewApiTokenRecord& token,
                                          std::int64_t now_ms);

// The user's tokens, revoked and expired ones included, newest first.
core::Result<std::vector<ApiTokenInfo>> ListApiTokens(store::Database& db, std::int64_t user_id);

// Revokes token `token_id` of user `user_id`. false when the user has no such token (another
// user's token is no such token). Revoking again is true and keeps the first time.
core::Result<bool> RevokeApiToken(store::Database& db, std::int64_t user_id, std::int64_t token_id,
                                  std::int64_t now_ms);

// The token with `hash` and its owner, as the authenticator needs them.
struct ApiTokenOwner {
    std::int64_t token_id = 0;
    std::int64_t user_id = 0;
    std::string login;
    std::optional<std::int64_t> expires_at_ms;
    std::optional<std::int64_t> revoked_at_ms;
    std::optional<std::int64_t> last_used_at_ms;
};
core::Result<std::optional<ApiTokenOwner>> FindApiToken(store::Database& db, std::string_view hash);

// Records a use at `now_ms`, unless one was recorded within `interval`: a busy script would
// otherwise write the row on every request.
core::Result<void> TouchApiToken(store::Database& db, std::int64_t token_id, std::int64_t now_ms,
                                 std::chrono::milliseconds interval);

}  // namespace nectr::auth
