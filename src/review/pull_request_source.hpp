#pragma once

// A pull request read from GitHub for review: its metadata, its diff (from the diff endpoint,
// or assembled from the files' patches when GitHub refuses a diff that large), and the
// repository's .nectr.toml from the base commit, which the pull request cannot change.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "github/client.hpp"
#include "review/change.hpp"
#include "review/diff.hpp"
#include "review/repo_config.hpp"

namespace nectr::review {

struct FetchedPullRequest {
    ChangeInfo info;
    Diff diff;
    RepoConfig config;
    std::vector<std::string> notes;  // e.g. ".nectr.toml is invalid: ...; defaults used"
};

// "owner/repo" split; kInvalidInput otherwise.
core::Result<github::RepoName> SplitRepoName(std::string_view full_name);

net::awaitable<core::Result<FetchedPullRequest>> FetchPullRequest(github::GitHubClient& client,
                                                                  std::string full_name,
                                                                  int number);

// The paths `new_head` changed since `old_head`, for an incremental review; nullopt when the
// two are not in a line (a force-push rewrote history), which calls for a full review.
net::awaitable<core::Result<std::optional<std::set<std::string>>>> PathsChangedSince(
    github::GitHubClient& client, std::string full_name, std::string old_head,
    std::string new_head);

// Reads files through the contents API.
class GitHubCodeHost final : public CodeHost {
public:
    GitHubCodeHost(github::GitHubClient& client, github::RepoName repo);
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string ref) override;

private:
    github::GitHubClient& client_;
    github::RepoName repo_;
};

}  // namespace nectr::review
