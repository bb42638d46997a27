#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "api/repo_routes.hpp"
#include "core/error.hpp"
#include "http/router.hpp"

namespace nectr::api {

// The bounds of installations.max_concurrent_reviews that the API accepts.
inline constexpr std::int64_t kMinConcurrentReviews = 1;
inline constexpr std::int64_t kMaxConcurrentReviews = 64;

// Reads the body of PUT .../settings: a JSON object with exactly the key
// "max_concurrent_reviews", an integer from 1 to 64 or null (no limit; returned as nullopt).
// kInvalidInput, with a message that says what is wrong, for anything else. Pure.
core::Result<std::optional<std::int64_t>> ParseRepoSettings(std::string_view body);

// POST /api/v1/repos/{owner}/{repo}/rescan: queues a scan_repository job of a repository the
// caller has connected (404 otherwise) and wakes the workers: 202 {"job_id", "repository",
// "state": "queued", "already_queued": false, "webhook_events"}. When a scan of the repository
// is still queued, that one is returned instead with 200 and "already_queued": true. It also
// subscribes the repository's webhook to every event Nectr reads (a hook made by an older
// version lacks pull_request_review_comment); "webhook_events" is "updated", or "not updated:"
// and why (no hook recorded, no GitHub token, GitHub's refusal), which does not stop the scan.
http::Handler MakeRescanRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps);

// PUT /api/v1/repos/{owner}/{repo}/settings: stores max_concurrent_reviews (ParseRepoSettings;
// 400) of the caller's installation (404 when not connected): 200 {"repository",
// "max_concurrent_reviews"}.
http::Handler MakeRepoSettingsHandler(const std::shared_ptr<const RepoApiDeps>& deps);

}  // namespace nectr::api
