#pragma once

// Building GitHub API paths from names that users and webhooks supply: every piece is
// percent-encoded, so that a branch called "a?b" or a file called "x#1" cannot change which
// resource a request names.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "github/types.hpp"

namespace nectr::github {

// Encodes everything but RFC 3986's unreserved characters; "/" becomes %2F.
std::string EncodePathSegment(std::string_view segment);
// Encodes each segment of a slash-separated path (a file path) and keeps the slashes.
std::string EncodePath(std::string_view path);
// "/repos/{owner}/{repo}" with both encoded; `rest` (already encoded) is appended.
std::string RepoPath(const RepoName& repo, std::string_view rest = "");
// Appends "?k=v&..." with keys and values encoded; nothing when `params` is empty.
std::string WithQuery(std::string path,
                      const std::vector<std::pair<std::string, std::string>>& params);

// The API root without a trailing slash: "https://api.github.com" stays, and
// "https://ghe.example.com/api/v3/" becomes "https://ghe.example.com/api/v3".
std::string NormalizeApiUrl(std::string_view url);

}  // namespace nectr::github
