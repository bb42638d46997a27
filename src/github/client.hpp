#pragma once

// GitHub's REST API as Nectr uses it: reading pull requests, posting reviews and comments,
// managing repository webhooks. Every method is a coroutine that returns plain values; the
// transport under it (github/transport.hpp) handles authorization, ETags, pagination, rate
// limits, retries and timeouts. Errors carry GitHub's status and message (github/api_error.hpp):
// kUnauthorized (401), kForbidden (403), kNotFound (404), kConflict (409), kInvalidInput
// (400/422, or a value the client refuses to send), kRateLimited (the limit resets later than
// ClientOptions::rate_limit_budget allows to wait; the detail says when), kUpstream (5xx, or an
// answer that is not what GitHub documents), kUnavailable and kTimeout (the transport).
// Thread-safe: any number of calls may run at once, on any executors.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "github/account.hpp"
#include "github/auth.hpp"
#include "github/options.hpp"
#include "github/types.hpp"
#include "http/client.hpp"

namespace nectr::github {

class Transport;
struct ApiRequest;

class GitHubClient {
public:
    // `http` and `clock` must outlive the client.
    GitHubClient(http::Client& http, std::shared_ptr<Credentials> credentials,
                 ClientOptions options, const core::Clock& clock);
    ~GitHubClient();
    GitHubClient(const GitHubClient&) = delete;
    GitHubClient& operator=(const GitHubClient&) = delete;

    // GET /repos/{owner}/{repo}/pulls/{number}
    net::awaitable<core::Result<PullRequest>> GetPullRequest(RepoName repo, int number);

    // GET /repos/{owner}/{repo}/pulls/{number}/files, every page (GitHub stops at 3,000 files).
    net::awaitable<core::Result<Listing<ChangedFile>>> ListPullRequestFiles(RepoName repo,
                                                                            int number);

    // The whole unified diff of a pull request (Accept: application/vnd.github.diff).
    // GitHub refuses diffs of more than 20,000 lines or 1 MB with 406 (kUpstream): fall back to
    // ListPullRequestFiles then.
    net::awaitable<core::Result<std::string>> GetPullRequestDiff(RepoName repo, int number);

    // GET /repos/{owner}/{repo}/contents/{path}?ref=...: the decoded bytes of a file at `ref`
    // (a branch, tag or SHA). kNotFound when the file does not exist there, kInvalidInput when
    // the path is a directory, kTooLarge above GitHub's 1 MB limit for this call.
    net::awaitable<core::Result<FileContent>> GetFileContent(RepoName repo, std::string path,
                                                             std::string ref);

    // GET /repos/{owner}/{repo}/git/trees/{tree}?recursive=1: every entry under a commit, tree
    // SHA or branch. Tree::truncated is GitHub's own limit.
    net::awaitable<core::Result<Tree>> GetTree(RepoName repo, std::string tree);

    // GET /repos/{owner}/{repo}/pulls/{number}/commits, every page (GitHub stops at 250).
    net::awaitable<core::Result<Listing<Commit>>> ListPullRequestCommits(RepoName repo, int number);

    // GET /repos/{owner}/{repo}/compare/{base}...{head}: what `head` adds over `base`, for an
    // incremental review after a push. The first page only: up to 250 commits and 300 files.
    net::awaitable<core::Result<Comparison>> CompareCommits(RepoName repo, std::string base,
                                                            std::string head);

    // POST /repos/{owner}/{repo}/pulls/{number}/reviews. Sent once, never retried after a
    // response may have been processed: on kUpstream, kUnavailable or kTimeout, look with
    // ListReviews whether it was posted before trying again. kInvalidInput (from the client,
    // before sending, or from GitHub) when a comment names a line outside the diff or the
    // body is malformed.
    net::awaitable<core::Result<Review>> CreateReview(RepoName repo, int number, NewReview review);

    // GET /repos/{owner}/{repo}/pulls/{number}/reviews, every page.
    net::awaitable<core::Result<Listing<Review>>> ListReviews(RepoName repo, int number);

    // POST /repos/{owner}/{repo}/issues/{number}/comments (pull requests are issues too). Sent
    // once, like CreateReview.
    net::awaitable<core::Result<IssueComment>> CreateIssueComment(RepoName repo, int number,
                                                                  std::string body);

    // GET /repos/{owner}/{repo}/issues/{number}/comments, every page (oldest first).
    net::awaitable<core::Result<Listing<IssueComment>>> ListIssueComments(RepoName repo,
                                                                          int number);

    // POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions; `content` is one of
    // "+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes". Adding one that
    // exists returns it again.
    net::awaitable<core::Result<Reaction>> AddIssueCommentReaction(RepoName repo,
                                                                   std::int64_t comment_id,
                                                                   std::string content);

    // GET /repos/{owner}/{repo}/pulls/comments/{comment_id}: one inline review comment.
    net::awaitable<core::Result<PullComment>> GetPullComment(RepoName repo,
                                                             std::int64_t comment_id);

    // GET /repos/{owner}/{repo}/pulls/{number}/reviews/{review_id}/comments, every page: the
    // inline comments of one review.
    net::awaitable<core::Result<Listing<PullComment>>> ListReviewComments(RepoName repo, int number,
                                                                          std::int64_t review_id);

    // GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions, every page.
    net::awaitable<core::Result<Listing<Reaction>>> ListPullCommentReactions(
        RepoName repo, std::int64_t comment_id);

    // Repository webhooks: create (sent once; GitHub answers 422 for a URL already hooked),
    // list, update, delete (kNotFound when gone) and ping (GitHub sends a `ping` event).
    // AddWebhookEvents subscribes a hook to more events, keeping its config and secret.
    net::awaitable<core::Result<Webhook>> CreateWebhook(RepoName repo, WebhookSpec spec);
    net::awaitable<core::Result<Listing<Webhook>>> ListWebhooks(RepoName repo);
    net::awaitable<core::Result<Webhook>> UpdateWebhook(RepoName repo, std::int64_t hook_id,
                                                        WebhookSpec spec);
    net::awaitable<core::Result<Webhook>> AddWebhookEvents(RepoName repo, std::int64_t hook_id,
                                                           std::vector<std::string> events);
    net::awaitable<core::Result<void>> DeleteWebhook(RepoName repo, std::int64_t hook_id);
    net::awaitable<core::Result<void>> PingWebhook(RepoName repo, std::int64_t hook_id);

    // GET /user/repos, every page: the repositories the authenticated user can see (a user
    // token; an installation token gets 403 here).
    net::awaitable<core::Result<Listing<Repository>>> ListMyRepositories();

    // GET /user: who the token belongs to (a user token: an installation token gets 403).
    net::awaitable<core::Result<AuthenticatedUser>> GetAuthenticatedUser();

    // GET /user/installations, every page: the ids of the GitHub App installations the
    // user may reach, each once. GitHub answers 403 or 404 to tokens that cannot ask (an
    // OAuth App's token, an App that is not installed): that is an empty listing here, not
    // an error.
    net::awaitable<core::Result<Listing<std::int64_t>>> ListMyInstallations();

    const ClientOptions& Options() const;

private:
    // Every page of a listing, each page's body handed to `parse_page`.
    template <typename T, typename Parse>
    net::awaitable<core::Result<Listing<T>>> ListAll(std::string path, Parse parse_page);
    // One request with its own rate-limit budget.
    net::awaitable<core::Result<std::string>> Fetch(ApiRequest request);

    std::unique_ptr<Transport> transport_;
};

}  // namespace nectr::github
