#pragma once

// Whose repositories a session may see. Over HTTP the caller is the owner of a personal API
// token and sees what the user_repositories view (migration 0006) gives that user. The stdio
// server (`nectr mcp`) runs as the operator on the local database and sees every repository.
#include <cstdint>
#include <string>

#include "auth/caller.hpp"

namespace nectr::mcp {

struct Access {
    bool all_repositories = false;
    std::int64_t user_id = 0;
    std::string login;

    static Access Everything() { return Access{true, 0, "local"}; }
    static Access Of(const auth::Caller& caller) {
        return Access{false, caller.user_id, caller.login};
    }
};

// What a tool says when a repository is outside the caller's reach or unknown: the same
// words in both cases, so that names cannot be probed.
inline constexpr const char* kRepositoryNotFound = "repository not found or not connected";

}  // namespace nectr::mcp
