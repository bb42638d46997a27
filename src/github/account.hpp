#pragma once

// The signed-in user as GitHub describes them to their own token: who they are (GET /user)
// and which installations of GitHub Apps they may reach (GET /user/installations). Pure
// parsers; GitHubClient does the requests.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::github {

// GET /user. GitHub leaves name and email null when the user keeps them private: they read
// as "" then.
struct AuthenticatedUser {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string email;
    std::string avatar_url;
};

// kUpstream when the body is not JSON, not an object, or lacks the id or the login.
core::Result<AuthenticatedUser> ParseAuthenticatedUser(std::string_view body);

// One page of GET /user/installations ({"total_count": n, "installations": [{"id": ...}]}):
// the installation ids, in GitHub's order. kUpstream when the body is not that shape.
core::Result<std::vector<std::int64_t>> ParseUserInstallationIds(std::string_view body);

}  // namespace nectr::github
