#pragma once

// What the repository endpoints share: reading the repository from the path, turning GitHub's
// failures into answers a user can act on, the webhook secret, and the JSON of an installation.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "api/repos_store.hpp"
#include "core/error.hpp"
#include "github/types.hpp"
#include "http/message.hpp"

namespace nectr::api {

// "owner/repo" from the {owner} and {repo} segments of the request path. kInvalidInput when
// either is not a name GitHub allows (owner: letters, digits and '-', up to 39; repository:
// letters, digits, '.', '_' and '-', up to 100, not "." or ".."). Pure.
core::Result<std::string> RepoFullNameFromPath(const http::Request& request);

// A repository name in lower case: GitHub's names match without case. Pure.
std::string LowerName(std::string_view name);

// "owner/repo" as the GitHub client's RepoName. Expects a name RepoFullNameFromPath accepted.
github::RepoName ToRepoName(std::string_view full_name);

// The answer for a GitHub call that failed while `action` ("listing your repositories"):
// GitHub refusing the stored token stays kUnauthorized (signing in again renews it), 403 and
// 404 stay what they are, a rate limit stays kRateLimited, and anything else (5xx, a refused
// request, no answer) becomes kUpstream (502). The detail names the action and carries
// GitHub's own message. Pure.
core::Error GitHubFailure(const core::Error& error, std::string_view action);

// A fresh webhook secret: 32 random bytes from OpenSSL's generator, in lower-case hex (64
// characters). kInternal when the generator fails.
core::Result<std::string> NewWebhookSecret();

// {"id", "repository", "github_repo_id", "webhook_id", "active", "installed_at",
// "updated_at", "max_concurrent_reviews"}: never the secret. Times in ISO 8601 UTC.
boost::json::object InstallationJson(const InstallationRow& installation);

// A JSON answer that no cache keeps (it is one user's view).
http::Response JsonAnswer(int status, const boost::json::object& body);

}  // namespace nectr::api
