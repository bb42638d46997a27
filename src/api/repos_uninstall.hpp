#pragma once

#include <memory>

#include "api/repo_routes.hpp"
#include "http/router.hpp"

namespace nectr::api {

// DELETE /api/v1/repos/{owner}/{repo}/install[?purge=true]: disconnects a repository the caller
// connected (404 otherwise). Its webhook is deleted on GitHub unless another active
// installation receives through it; a hook already gone (404) is fine, and so is a GitHub that
// no longer lets the caller manage hooks (401/403): Nectr disconnects all the same, logs
// it, and leaves the hook for a repository admin. A GitHub that fails (5xx, no answer) is a 502
// and nothing changes. The installation then turns inactive and forgets its secret. With
// purge=true, the repository's reviews (with comments and model calls) and events are deleted
// in the same transaction; while another user has it connected, purge answers 409 and nothing
// changes. 204 when done; 400 for a purge value other than true/false/1/0.
http::Handler MakeUninstallRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps);

}  // namespace nectr::api
