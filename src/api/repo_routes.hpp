#pragma once

// The repository endpoints of the REST API: which repositories a user can connect, and
// connecting, rescanning, configuring and disconnecting them.
//
//   GET    /api/v1/repos                                    list (GitHub's and connected ones)
//   POST   /api/v1/repos/{owner}/{repo}/install             connect: webhook + initial scan
//   POST   /api/v1/repos/{owner}/{repo}/rescan              queue a scan
//   DELETE /api/v1/repos/{owner}/{repo}/install[?purge=true] disconnect (and purge its data)
//   PUT    /api/v1/repos/{owner}/{repo}/settings            {"max_concurrent_reviews": n|null}
//
// Every endpoint first finds its caller (401 without one) and acts only on that user's own
// installations: a repository that another user connected is a 404 for everyone else.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "github/client.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace nectr::api {

namespace net = boost::asio;

// The user's GitHub client, made with the OAuth token they signed in with; kUnauthorized when
// the user has no usable token.
using GitHubForCaller =
    std::function<net::awaitable<core::Result<std::shared_ptr<github::GitHubClient>>>(
        const auth::Caller&)>;

struct RepoApiDeps {
    store::Database* db = nullptr;
    core::BlockingPool* pool = nullptr;
    const core::Clock* clock = nullptr;
    auth::Authenticator authenticate;
    GitHubForCaller github_for;
    // Seals a webhook secret for the installations table, and opens one sealed by it (an
    // error when it cannot, e.g. after a key change).
    std::function<std::string(std::string_view)> seal_secret;
    std::function<core::Result<std::string>(std::string_view)> open_secret;
    // Where GitHub delivers: {BACKEND_URL}/api/v1/webhooks/github.
    std::string webhook_url;
    // Wakes the workers after a job was queued (the in-process signal; PostgreSQL also NOTIFYs).
    std::function<void()> notify_workers;
    // After a purge: removes what Nectr keeps of the repository outside the database (its
    // clone under the data directory). Blocks; may be empty.
    std::function<core::Result<void>(const std::string& repo_full_name)> remove_local_copy;
};

// Adds the five routes above to `router`. `deps` is copied into the handlers; what its
// pointers point to must outlive the router.
void AddRepoApiRoutes(http::Router& router, const RepoApiDeps& deps);

}  // namespace nectr::api
