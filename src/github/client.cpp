#include "github/client.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "core/log.hpp"
#include "github/link_header.hpp"
#include "github/parse.hpp"
#include "github/transport.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

constexpr int kPerPage = 100;

std::string PullPath(const RepoName& repo, int number, std::string_view rest = "") {
    return RepoPath(repo, fmt::format("/pulls/{}{}", number, rest));
}

}  // namespace

GitHubClient::GitHubClient(http::Client& http, std::shared_ptr<Credentials> credentials,
                           ClientOptions options, const core::Clock& clock)
    : transport_(
          std::make_unique<Transport>(http, std::move(credentials), std::move(options), clock)) {}

GitHubClient::~GitHubClient() = default;

const ClientOptions& GitHubClient::Options() const { return transport_->Options(); }

net::awaitable<core::Result<std::string>> GitHubClient::Fetch(ApiRequest request) {
    CallBudget budget;
    auto response = co_await transport_->Send(std::move(request), &budget);
    if (!response) {
        co_return response.error();
    }
    co_return std::move(response->body);
}

template <typename T, typename Parse>
net::awaitable<core::Result<Listing<T>>> GitHubClient::ListAll(std::string path, Parse parse_page) {
    CallBudget budget;
    Listing<T> listing;
    std::string next = WithQuery(std::move(path), {{"per_page", std::to_string(kPerPage)}});
    for (int page = 1;; ++page) {
        ApiRequest request;
        request.path = next;
        auto response = co_await transport_->Send(std::move(request), &budget);
        if (!response) {
            co_return response.error();
        }
        auto items = parse_page(response->body);
        if (!items) {
            co_return items.error();
        }
        for (T& item : *items) {
            listing.items.push_back(std::move(item));
        }
        auto link = FindNextLink(response->link);
        if (!link) {
            co_return listing;
        }
        auto following = NextPagePath(next, *link);
        if (!following || page >= transport_->Options().max_pages) {
            // A Link that leads nowhere new, or more pages than allowed: keep what we have.
            NECTR_LOG_WARN("github.listing_truncated", "path={} pages={} reason={}", next, page,
                           following ? "max_pages" : "link_loop");
            listing.truncated = true;
            co_return listing;
        }
        next = std::move(*following);
    }
}

net::awaitable<core::Result<PullRequest>> GitHubClient::GetPullRequest(RepoName repo, int number) {
    ApiRequest request;
    request.path = PullPath(repo, number);
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParsePullRequest(*body);
}

net::awaitable<core::Result<Listing<ChangedFile>>> GitHubClient::ListPullRequestFiles(RepoName repo,
                                                                                      int number) {
    auto listing =
        co_await ListAll<ChangedFile>(PullPath(repo, number, "/files"), &ParseChangedFiles);
    co_return listing;
}

net::awaitable<core::Result<std::string>> GitHubClient::GetPullRequestDiff(RepoName repo,
                                                                           int number) {
    ApiRequest request;
    request.path = PullPath(repo, number);
    request.accept = kDiffMediaType;
    auto body = co_await Fetch(std::move(request));
    co_return body;
}

net::awaitable<core::Result<FileContent>> GitHubClient::GetFileContent(RepoName repo,
                                                                       std::string path,
                                                                       std::string ref) {
    ApiRequest request;
    request.path = RepoPath(repo, "/contents/" + EncodePath(path));
    if (!ref.empty()) {
        request.path = WithQuery(std::move(request.path), {{"ref", ref}});
    }
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParseFileContent(*body);
}

net::awaitable<core::Result<Tree>> GitHubClient::GetTree(RepoName repo, std::string tree) {
    ApiRequest request;
    request.path =
        WithQuery(RepoPath(repo, "/git/trees/" + EncodePathSegment(tree)), {{"recursive", "1"}});
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParseTree(*body);
}

net::awaitable<core::Result<Listing<Commit>>> GitHubClient::ListPullRequestCommits(RepoName repo,
                                                                                   int number) {
    auto listing = co_await ListAll<Commit>(PullPath(repo, number, "/commits"), &ParseCommits);
    co_return listing;
}

net::awaitable<core::Result<Comparison>> GitHubClient::CompareCommits(RepoName repo,
                                                                      std::string base,
                                                                      std::string head) {
    ApiRequest request;
    request.path =
        RepoPath(repo, "/compare/" + EncodePathSegment(base) + "..." + EncodePathSegment(head));
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParseComparison(*body);
}

net::awaitable<core::Result<Listing<Review>>> GitHubClient::ListReviews(RepoName repo, int number) {
    auto listing = co_await ListAll<Review>(PullPath(repo, number, "/reviews"), &ParseReviews);
    co_return listing;
}

net::awaitable<core::Result<Listing<IssueComment>>> GitHubClient::ListIssueComments(RepoName repo,
                                                                                    int number) {
    auto listing = co_await ListAll<IssueComment>(
        RepoPath(repo, fmt::format("/issues/{}/comments", number)), &ParseIssueComments);
    co_return listing;
}

net::awaitable<core::Result<PullComment>> GitHubClient::GetPullComment(RepoName repo,
                                                                       std::int64_t comment_id) {
    ApiRequest request;
    request.path = RepoPath(repo, fmt::format("/pulls/comments/{}", comment_id));
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParsePullComment(*body);
}

net::awaitable<core::Result<Listing<PullComment>>> GitHubClient::ListReviewComments(
    RepoName repo, int number, std::int64_t review_id) {
    auto listing = co_await ListAll<PullComment>(
        PullPath(repo, number, fmt::format("/reviews/{}/comments", review_id)), &ParsePullComments);
    co_return listing;
}

net::awaitable<core::Result<Listing<Reaction>>> GitHubClient::ListPullCommentReactions(
    RepoName repo, std::int64_t comment_id) {
    auto listing = co_await ListAll<Reaction>(
        RepoPath(repo, fmt::format("/pulls/comments/{}/reactions", comment_id)), &ParseReactions);
    co_return listing;
}

net::awaitable<core::Result<Listing<Webhook>>> GitHubClient::ListWebhooks(RepoName repo) {
    auto listing = co_await ListAll<Webhook>(RepoPath(repo, "/hooks"), &ParseWebhooks);
    co_return listing;
}

net::awaitable<core::Result<Listing<Repository>>> GitHubClient::ListMyRepositories() {
    auto listing = co_await ListAll<Repository>("/user/repos", &ParseRepositories);
    co_return listing;
}

net::awaitable<core::Result<AuthenticatedUser>> GitHubClient::GetAuthenticatedUser() {
    ApiRequest request;
    request.path = "/user";
    auto body = co_await Fetch(std::move(request));
    if (!body) {
        co_return body.error();
    }
    co_return ParseAuthenticatedUser(*body);
}

net::awaitable<core::Result<Listing<std::int64_t>>> GitHubClient::ListMyInstallations() {
    auto listing = co_await ListAll<std::int64_t>("/user/installations", &ParseUserInstallationIds);
    if (!listing) {
        const core::Errc code = listing.error().code;
        if (code == core::Errc::kForbidden || code == core::Errc::kNotFound) {
            co_return Listing<std::int64_t>{};
        }
        co_return listing.error();
    }
    // Pages can overlap when installations come and go while they are read.
    std::vector<std::int64_t>& ids = listing->items;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    co_return listing;
}

}  // namespace nectr::github
