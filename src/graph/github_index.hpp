#pragma once

// Indexing a pull request as GitHub describes it: its metadata, files, commits and reviews
// fetched through the GitHub client, then written by IndexPullRequest.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/blocking_pool.hpp"
#include "core/error.hpp"
#include "github/types.hpp"
#include "graph/pull_request_index.hpp"
#include "store/database.hpp"

namespace nectr::github {
class GitHubClient;
}

namespace nectr::graph {

namespace net = boost::asio;

// The facts of a pull request from GitHub's answers: a closed pull request that was merged is
// "merged" (an open one never is, whatever merged_at says); pending reviews and reviews
// without a user are left out. Pure.
PullRequestFacts FactsFromGitHub(const github::PullRequest& pull,
                                 const std::vector<github::ChangedFile>& files,
                                 const std::vector<github::Commit>& commits,
                                 const std::vector<github::Review>& reviews,
                                 std::optional<std::string> verdict);

// Fetches pull request `number` of `repo_full_name` ("owner/repo"), its files, commits and
// reviews, then indexes it on `pool` (IndexPullRequest) with Nectr's `verdict` when given.
// Listings GitHub cut short (over 3,000 files, 250 commits) are indexed as far as they go.
// Errors: kInvalidInput for a name without one '/', the client's errors (kNotFound for a pull
// request GitHub does not have), and the store's.
net::awaitable<core::Result<IndexedPullRequest>> IndexPullRequestFromGitHub(
    github::GitHubClient& github, core::BlockingPool& pool, store::Database& db,
    std::string repo_full_name, int number, std::optional<std::string> verdict,
    std::int64_t now_ms);

}  // namespace nectr::graph
