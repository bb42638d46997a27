#pragma once

// Keeping the knowledge graph current: the index_pr job (a merged pull request, from its
// webhook) and the indexing of a pull request Nectr just reviewed.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "app/review_job.hpp"
#include "github/client.hpp"
#include "queue/worker.hpp"

namespace nectr::app {

// index_pr: reads the pull request, its files, commits and reviews from GitHub into the graph.
queue::JobHandler MakeIndexPullRequestHandler(ReviewServices& services);

// Records a pull request with Nectr's verdict after its review was posted. Best effort: the
// review is already on GitHub, so a failure here is logged, not retried.
net::awaitable<void> IndexReviewedPullRequest(ReviewServices& services,
                                              github::GitHubClient& client, std::string repository,
                                              int number, std::string verdict);

}  // namespace nectr::app
