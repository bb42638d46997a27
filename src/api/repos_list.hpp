#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <vector>

#include "api/repo_routes.hpp"
#include "api/repos_store.hpp"
#include "github/types.hpp"
#include "http/router.hpp"
#include "index/scan_status.hpp"

namespace nectr::api {

// The body of GET /api/v1/repos: {"repositories": [...], "truncated": bool}. One entry per
// repository GitHub lists for the user, in GitHub's order, each with full_name, name, owner,
// github_id, private, archived, default_branch, html_url, permissions {admin, push},
// on_github, connected and installation (the user's row, active or not, or null). Then one
// entry per repository the user has connected that GitHub did not list, with null for what
// only GitHub knows and on_github false: renamed, deleted, or access lost. When the listing
// was truncated, such entries have on_github null (unknown). Names match without case. Pure.
// Each entry's `index` is the repository's scan status from `scans` ({state, commit, files,
// symbols, chunks, started_at, finished_at, error}), null when it was never scanned.
boost::json::object RenderRepositoryList(const github::Listing<github::Repository>& listing,
                                         const std::vector<InstallationRow>& installations,
                                         const std::vector<index::ScanStatus>& scans = {});

// GET /api/v1/repos. 401 without a caller (or without a usable GitHub token), GitHub's
// failures as GitHubFailure maps them, 503 when the database is down, else 200.
http::Handler MakeListReposHandler(const std::shared_ptr<const RepoApiDeps>& deps);

}  // namespace nectr::api
