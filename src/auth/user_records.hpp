#pragma once

// Users as sign-in records them, and what the session endpoints read back. Calls block (run
// them on the blocking pool); store failures are kUnavailable.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "github/account.hpp"
#include "store/database.hpp"

namespace nectr::auth {

// What one sign-in learnt about the user.
struct SignIn {
    github::AuthenticatedUser user;
    std::string sealed_token;  // the user's GitHub token, sealed for "token-encryption"
    // The App installations GitHub listed for the user; nullopt when it could not be asked
    // (the previous list is kept then, rather than taking every grant away).
    std::optional<std::vector<std::int64_t>> installation_ids;
};

// Creates or refreshes the user with GitHub's id (login, name, e-mail, avatar and token may
// all have changed) and replaces their installation grants, in one transaction. Returns
// Nectr's id of the user.
core::Result<std::int64_t> SaveSignIn(store::Database& db, const SignIn& sign_in,
                                      std::int64_t now_ms);

struct UserProfile {
    std::int64_t id = 0;  // Nectr's id
    std::string login;
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> avatar_url;
};

// The profile of user `id`; nullopt when there is no such user.
core::Result<std::optional<UserProfile>> FindUserProfile(store::Database& db, std::int64_t id);

}  // namespace nectr::auth
