#include "graph/github_index.hpp"

#include <functional>

#include "core/log.hpp"
#include "github/client.hpp"
#include "github/json_fields.hpp"

namespace nectr::graph {
namespace {

std::optional<std::int64_t> Millis(const std::string& timestamp) {
    if (timestamp.empty()) {
        return std::nullopt;
    }
    const auto parsed = github::ParseTimestamp(timestamp);
    if (!parsed) {
        return std::nullopt;
    }
    return core::ToUnixMillis(*parsed);
}

std::optional<github::RepoName> SplitName(const std::string& full_name) {
    const std::size_t slash = full_name.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == full_name.size() ||
        full_name.find('/', slash + 1) != std::string::npos) {
        return std::nullopt;
    }
    return github::RepoName{full_name.substr(0, slash), full_name.substr(slash + 1)};
}

}  // namespace

PullRequestFacts FactsFromGitHub(const github::PullRequest& pull,
                                 const std::vector<github::ChangedFile>& files,
                                 const std::vector<github::Commit>& commits,
                                 const std::vector<github::Review>& reviews,
                                 std::optional<std::string> verdict) {
    PullRequestFacts facts;
    facts.number = pull.number;
    facts.title = pull.title;
    facts.body = pull.body;
    // GitHub sets merged_at exactly when it merged; an open pull request is never merged.
    const bool merged = pull.merged || (pull.state == "closed" && !pull.merged_at.empty());
    facts.state = merged ? "merged" : (pull.state == "open" ? "open" : "closed");
    facts.author = pull.user.login;
    facts.head_sha = pull.head.sha;
    facts.merged_at_ms = merged ? Millis(pull.merged_at) : std::nullopt;
    facts.created_at_ms = Millis(pull.created_at);
    facts.updated_at_ms = Millis(pull.updated_at);
    facts.files.reserve(files.size());
    for (const github::ChangedFile& file : files) {
        facts.files.push_back(PullRequestFileFacts{file.filename, file.previous_filename,
                                                   file.additions, file.deletions,
                                                   file.status.empty() ? "modified" : file.status});
    }
    for (const github::Commit& commit : commits) {
        facts.commit_messages.push_back(commit.message);
    }
    for (const github::Review& review : reviews) {
        if (review.user_login.empty() || review.state == "PENDING") {
            continue;
        }
        facts.reviewers.push_back(ReviewerFacts{review.user_login, review.state,
                                                Millis(review.submitted_at).value_or(0)});
    }
    facts.verdict = std::move(verdict);
    return facts;
}

net::awaitable<core::Result<IndexedPullRequest>> IndexPullRequestFromGitHub(
    github::GitHubClient& github, core::BlockingPool& pool, store::Database& db,
    std::string repo_full_name, int number, std::optional<std::string> verdict,
    std::int64_t now_ms) {
    const std::optional<github::RepoName> repo = SplitName(repo_full_name);
    if (!repo) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "a repository is named owner/repo: " + repo_full_name);
    }
    core::Result<github::PullRequest> pull = co_await github.GetPullRequest(*repo, number);
    if (!pull) {
        co_return pull.error();
    }
    core::Result<github::Listing<github::ChangedFile>> files =
        co_await github.ListPullRequestFiles(*repo, number);
    if (!files) {
        co_return files.error();
    }
    core::Result<github::Listing<github::Commit>> commits =
        co_await github.ListPullRequestCommits(*repo, number);
    if (!commits) {
        co_return commits.error();
    }
    core::Result<github::Listing<github::Review>> reviews =
        co_await github.ListReviews(*repo, number);
    if (!reviews) {
        co_return reviews.error();
    }
    if (files->truncated || commits->truncated) {
        NECTR_LOG_WARN("graph.pull_request_listing_truncated", "repo={} pr={} files={} commits={}",
                       repo_full_name, number, files->items.size(), commits->items.size());
    }
    PullRequestFacts facts =
        FactsFromGitHub(*pull, files->items, commits->items, reviews->items, std::move(verdict));
    // Named before the await: see docs/decisions.md on g++ 12.
    std::function<core::Result<IndexedPullRequest>()> write = [&db, &repo_full_name, &facts,
                                                               now_ms]() {
        return IndexPullRequest(db, repo_full_name, facts, now_ms);
    };
    core::Result<IndexedPullRequest> indexed =
        co_await pool.Call<core::Result<IndexedPullRequest>>(std::move(write));
    co_return indexed;
}

}  // namespace nectr::graph
