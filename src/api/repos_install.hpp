#pragma once

#include <memory>

#include "api/repo_routes.hpp"
#include "http/router.hpp"

namespace nectr::api {

// The events a connected repository's webhook delivers; pull_request_review_comment carries the
// replies to Nectr's inline comments that feedback learns from.
inline constexpr const char* kWebhookEvents[] = {"pull_request", "issue_comment",
                                                 "pull_request_review_comment", "push"};

// POST /api/v1/repos/{owner}/{repo}/install: connects a repository for the caller.
//
// 200 with the installation when the caller has it connected already (nothing else happens).
// Otherwise the repository must be among those GitHub lists for the caller (404) with admin
// rights (403, saying so). The hook: another user's active installation of the repository
// lends its hook and sealed secret; else a new hook (pull_request, issue_comment, push; JSON;
// a fresh secret) is created, and when GitHub answers 422 because Nectr's URL is hooked
// already (a leftover), that hook is found and given the new secret. Then the installation
// is stored and a scan_repository job queued in one transaction, the workers are woken, and
// the answer is 201 {"installation", "scan_job_id", "webhook": "created"|"shared"|"adopted"}.
// 401 without a caller or a usable GitHub token, 502 when GitHub fails or refuses, 503 when
// the database is down (a hook created for this request is then removed again).
http::Handler MakeInstallRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps);

}  // namespace nectr::api
