#include <string>

#include "app/job_input.hpp"
#include "app/review_job.hpp"
#include "core/log.hpp"
#include "github/client.hpp"
#include "review/pull_request_source.hpp"

namespace nectr::app {

std::string HelpReplyText() {
    return "**Nectr** reviews this pull request when it is opened, reopened, marked ready for "
           "review, or pushed to.\n\n"
           "Commands (in a comment on the pull request, on a line of their own):\n"
           "- `/nectr review`: review the current head now, also when it was reviewed already, "
           "automatic reviews are off or the pull request is a draft.\n"
           "- `/nectr help`: show this help.\n\n"
           "The repository's `.nectr.toml` (read from the base branch) sets the review profile, "
           "ignored paths, extra instructions and whether Nectr may approve or request "
           "changes.";
}

namespace {

// The hidden line that ties a help reply to the comment that asked for it: a retry after a
// crash or an ambiguous answer (GitHub may post and still answer 502) finds it and does not
// answer twice.
std::string HelpMarker(std::int64_t comment_id) {
    return "<!-- nectr:help comment=" + std::to_string(comment_id) + " -->";
}

net::awaitable<core::Result<bool>> HelpAlreadyPosted(github::GitHubClient& client,
                                                     const github::RepoName& repo, int number,
                                                     const std::string& marker) {
    auto comments = co_await client.ListIssueComments(repo, number);
    if (!comments) {
        co_return comments.error();
    }
    for (const github::IssueComment& comment : comments->items) {
        if (comment.body.find(marker) != std::string::npos) {
            co_return true;
        }
    }
    co_return false;
}

}  // namespace

queue::JobHandler MakeHelpReplyHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        auto input = ReadInput(job);
        if (!input) {
            co_return input.error();
        }
        auto client = co_await services.GitHubFor(input->installation_id, input->repository);
        if (!client) {
            co_return client.error();
        }
        auto repo = review::SplitRepoName(input->repository);
        if (!repo) {
            co_return repo.error();
        }
        std::string text = HelpReplyText();
        if (input->comment_id) {
            const std::string marker = HelpMarker(*input->comment_id);
            auto posted = co_await HelpAlreadyPosted(**client, *repo, input->pr_number, marker);
            if (!posted) {
                co_return posted.error();
            }
            if (*posted) {
                NECTR_LOG_INFO("help.already_posted", "repo={} pr={} comment={}", input->repository,
                               input->pr_number, *input->comment_id);
                co_return core::Result<void>();
            }
            text += "\n\n" + marker;
        }
        auto posted = co_await (*client)->CreateIssueComment(*repo, input->pr_number, text);
        if (!posted) {
            co_return posted.error();
        }
        co_return core::Result<void>();
    };
}

}  // namespace nectr::app
