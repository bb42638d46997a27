// The GitHubClient methods that change something on GitHub.
#include <fmt/core.h>

#include "github/client.hpp"
#include "github/parse.hpp"
#include "github/request_bodies.hpp"
#include "github/transport.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

std::string HookPath(const RepoName& repo, std::int64_t hook_id, std::string_view rest = "") {
    return RepoPath(repo, fmt::format("/hooks/{}{}", hook_id, rest));
}

}  // namespace

net::awaitable<core::Result<Review>> GitHubClient::CreateReview(RepoName repo, int number,
                                                                NewReview review) {
    auto body = ReviewRequestBody(review);
    if (!body) {
        co_return body.error();
    }
    ApiRequest request;
    request.method = "POST";
    request.path = RepoPath(repo, fmt::format("/pulls/{}/reviews", number));
    request.body = std::move(*body);
    request.creates = true;
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseReview(*answer);
}

net::awaitable<core::Result<IssueComment>> GitHubClient::CreateIssueComment(RepoName repo,
                                                                            int number,
                                                                            std::string body) {
    ApiRequest request;
    request.method = "POST";
    request.path = RepoPath(repo, fmt::format("/issues/{}/comments", number));
    request.body = IssueCommentRequestBody(body);
    request.creates = true;
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseIssueComment(*answer);
}

net::awaitable<core::Result<Reaction>> GitHubClient::AddIssueCommentReaction(
    RepoName repo, std::int64_t comment_id, std::string content) {
    ApiRequest request;
    request.method = "POST";
    request.path = RepoPath(repo, fmt::format("/issues/comments/{}/reactions", comment_id));
    request.body = ReactionRequestBody(content);
    // GitHub keeps one reaction of a kind per user: a repeat returns the existing one.
    request.creates = false;
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseReaction(*answer);
}

net::awaitable<core::Result<Webhook>> GitHubClient::CreateWebhook(RepoName repo, WebhookSpec spec) {
    auto body = WebhookRequestBody(spec, true);
    if (!body) {
        co_return body.error();
    }
    ApiRequest request;
    request.method = "POST";
    request.path = RepoPath(repo, "/hooks");
    request.body = std::move(*body);
    request.creates = true;
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseWebhook(*answer);
}

net::awaitable<core::Result<Webhook>> GitHubClient::UpdateWebhook(RepoName repo,
                                                                  std::int64_t hook_id,
                                                                  WebhookSpec spec) {
    auto body = WebhookRequestBody(spec, false);
    if (!body) {
        co_return body.error();
    }
    ApiRequest request;
    request.method = "PATCH";
    request.path = HookPath(repo, hook_id);
    request.body = std::move(*body);
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseWebhook(*answer);
}

net::awaitable<core::Result<Webhook>> GitHubClient::AddWebhookEvents(
    RepoName repo, std::int64_t hook_id, std::vector<std::string> events) {
    auto body = AddWebhookEventsBody(events);
    if (!body) {
        co_return body.error();
    }
    ApiRequest request;
    request.method = "PATCH";
    request.path = HookPath(repo, hook_id);
    request.body = std::move(*body);
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return ParseWebhook(*answer);
}

net::awaitable<core::Result<void>> GitHubClient::DeleteWebhook(RepoName repo,
                                                               std::int64_t hook_id) {
    ApiRequest request;
    request.method = "DELETE";
    request.path = HookPath(repo, hook_id);
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return core::Result<void>();
}

net::awaitable<core::Result<void>> GitHubClient::PingWebhook(RepoName repo, std::int64_t hook_id) {
    ApiRequest request;
    request.method = "POST";
    request.path = HookPath(repo, hook_id, "/pings");
    auto answer = co_await Fetch(std::move(request));
    if (!answer) {
        co_return answer.error();
    }
    co_return core::Result<void>();
}

}  // namespace nectr::github
