#pragma once

// Writing one pull request into the graph: the PR node, TOUCHES (its files), AUTHORED_BY,
// REVIEWED, CLOSES and CONTRIBUTED_TO. Blocks: call from the blocking pool.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

struct PullRequestFileFacts {
    std::string path;
    std::string previous_path;  // renames
    std::int64_t additions = 0;
    std::int64_t deletions = 0;
    std::string change_kind = "modified";  // GitHub's status: added, removed, renamed, ...
};

struct ReviewerFacts {
    std::string login;
    std::string verdict;  // GitHub's review state: APPROVED, CHANGES_REQUESTED, COMMENTED, ...
    std::int64_t reviewed_at_ms = 0;
};

struct PullRequestFacts {
    int number = 0;
    std::string title;
    std::string body;
    std::string state = "open";  // open, closed or merged
    std::string author;          // GitHub login; empty when unknown
    std::string head_sha;
    std::optional<std::int64_t> merged_at_ms;
    std::optional<std::int64_t> created_at_ms;  // GitHub's; the time of indexing when unknown
    std::optional<std::int64_t> updated_at_ms;
    std::vector<PullRequestFileFacts> files;
    std::vector<std::string> commit_messages;  // read for closing references, like the body
    // Nectr's verdict (APPROVE, REQUEST_CHANGES, NEEDS_DISCUSSION), recorded as the pull
    // request's verdict and as a review by 'nectr'; nullopt keeps the previous one.
    std::optional<std::string> verdict;
    std::vector<ReviewerFacts> reviewers;  // people's reviews; the latest per login is kept
};

struct IndexedPullRequest {
    std::int64_t repository_id = 0;
    std::int64_t pull_request_id = 0;
    std::vector<int> closes;  // issue numbers, sorted
};

// The login under which Nectr's own reviews are recorded in pr_reviews.
inline constexpr std::string_view kNectrReviewer = "nectr";

// Writes the pull request of repository `repo_full_name` ("owner/repo", added to the graph if
// new) in one transaction: the row (updated in place when indexed before), its files and
// closed issues replaced by these, the author and reviewers as developers, their reviews, and
// their CONTRIBUTED_TO counts. Indexing the same facts twice leaves the same rows.
// Errors: kInvalidInput for a number below 1 or a state other than open, closed, merged; the
// store's.
core::Result<IndexedPullRequest> IndexPullRequest(store::Database& db,
                                                  std::string_view repo_full_name,
                                                  const PullRequestFacts& facts,
                                                  std::int64_t now_ms);

}  // namespace nectr::graph
