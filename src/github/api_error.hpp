#pragma once

// GitHub's error answers as core::Error: the code from the status, the detail with the status,
// the request line and GitHub's own `message` and `errors[]`, which say what was wrong
// ("Validation Failed (PullRequestReviewComment line: could not be resolved)").
#include <string_view>

#include "core/error.hpp"

namespace nectr::github {

// 400/422 -> kInvalidInput, 401 -> kUnauthorized, 403 -> kForbidden, 404/410 -> kNotFound,
// 409 -> kConflict, 413 -> kTooLarge, 415 -> kUnsupportedMediaType, 429 -> kRateLimited,
// 5xx -> kUpstream, anything else -> kUpstream.
core::Errc ErrcForStatus(int status);

// The error for a non-2xx answer. `path` is the request path (no host; it holds no secret).
// The body is read only for GitHub's JSON error fields and is never copied whole, because it
// may be an HTML page from a proxy.
core::Error ApiError(std::string_view method, std::string_view path, int status,
                     std::string_view body);

}  // namespace nectr::github
