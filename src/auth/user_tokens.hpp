#pragma once

// The GitHub tokens users gave Nectr when they signed in, opened from their encrypted form:
// what the REST API calls GitHub with on a user's behalf, and what reviews of a repository
// connected through the dashboard post with.
#include <cstdint>
#include <optional>
#include <string>

#include "auth/sealer.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::auth {

class UserTokens {
public:
    // `sealer` opens "token-encryption" tokens; both outlive this.
    UserTokens(store::Database& db, const Sealer& sealer);

    // The user's token. kUnauthorized when there is none (the user must sign in again),
    // kInternal when it cannot be decrypted (SECRET_KEY changed without SECRET_KEY_PREVIOUS).
    // Blocks on the database: call from the blocking pool.
    core::Result<std::string> ForUser(std::int64_t user_id) const;

    // The token of the user who connected the repository; nullopt when no active connection
    // has one. Blocks on the database.
    core::Result<std::optional<std::string>> ForRepository(const std::string& repo_full_name) const;

private:
    core::Result<std::string> Open(const std::string& stored) const;

    store::Database& db_;
    const Sealer& sealer_;
};

}  // namespace nectr::auth
