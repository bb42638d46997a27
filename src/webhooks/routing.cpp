#include "webhooks/routing.hpp"

#include <cstdint>
#include <string>
#include <utility>

#include "webhooks/command.hpp"

namespace nectr::webhooks {
namespace {

RoutingDecision NoJob(std::string note) {
    RoutingDecision decision;
    decision.note = std::move(note);
    return decision;
}

RoutingDecision Job(JobKind kind, int priority, std::string coalesce_key, std::string note) {
    RoutingDecision decision;
    decision.job = kind;
    decision.priority = priority;
    decision.coalesce_key = std::move(coalesce_key);
    decision.note = std::move(note);
    return decision;
}

std::string PullRequestKey(std::string_view prefix, const std::string& repository,
                           std::int64_t number) {
    return std::string(prefix) + ":" + repository + "#" + std::to_string(number);
}

bool IsReviewAction(std::string_view action) {
    return action == "opened" || action == "reopened" || action == "synchronize" ||
           action == "ready_for_review";
}

RoutingDecision RoutePullRequest(const Delivery& delivery, const RoutingOptions& options) {
    const std::string key = EventKey(delivery);
    if (!IsReviewAction(delivery.action) && delivery.action != "closed") {
        return NoJob(key + " is not handled");
    }
    if (!delivery.pull_request || delivery.repository_full_name.empty()) {
        return NoJob(key + " lacks the pull request number or the repository");
    }
    const PullRequestFields& pull = *delivery.pull_request;
    if (delivery.action == "closed") {
        if (!pull.merged) {
            return NoJob("pull request closed without merging");
        }
        return Job(JobKind::kIndexPullRequest, kPriorityIndex,
                   PullRequestKey("index_pr", delivery.repository_full_name, pull.number),
                   "pull request merged");
    }
    if (pull.state == "closed") {
        return NoJob("pull request is closed");
    }
    if (pull.draft && !options.review_drafts) {
        return NoJob("draft pull request skipped");
    }
    return Job(JobKind::kReview, kPriorityReview,
               PullRequestKey("review", delivery.repository_full_name, pull.number), key);
}

RoutingDecision RouteIssueComment(const Delivery& delivery) {
    const std::string key = EventKey(delivery);
    // Edited comments are not re-read: an edit that adds a command would otherwise run it
    // again each time the comment is touched.
    if (delivery.action != "created") {
        return NoJob(key + " is not handled");
    }
    if (!delivery.issue_comment || delivery.repository_full_name.empty()) {
        return NoJob(key + " lacks the issue, the comment or the repository");
    }
    const IssueCommentFields& comment = *delivery.issue_comment;
    if (!comment.on_pull_request) {
        return NoJob("comment on an issue, not a pull request");
    }
    if (IsBotAccount(delivery.sender_login, delivery.sender_type) ||
        IsBotAccount(comment.author_login, comment.author_type)) {
        return NoJob("comment by a bot ignored");
    }
    const std::optional<Command> command = FindCommand(comment.body);
    if (!command) {
        return NoJob("comment has no /nectr command");
    }
    if (*command == Command::kHelp) {
        return Job(JobKind::kHelpReply, kPriorityCommand, "", "/nectr help");
    }
    // Same key as automatic reviews: a requested review replaces one still queued.
    return Job(JobKind::kReview, kPriorityCommand,
               PullRequestKey("review", delivery.repository_full_name, comment.issue_number),
               "/nectr review");
}

// A reply in the thread of an inline comment may tell Nectr that its finding is intended: the
// job reads the reply and the comment it answers, and learns only from replies to Nectr's.
RoutingDecision RouteReviewComment(const Delivery& delivery) {
    const std::string key = EventKey(delivery);
    if (delivery.action != "created") {
        return NoJob(key + " is not handled");
    }
    if (!delivery.review_comment || delivery.repository_full_name.empty()) {
        return NoJob(key + " lacks the pull request, the comment or the repository");
    }
    const ReviewCommentFields& comment = *delivery.review_comment;
    if (!comment.in_reply_to_id) {
        return NoJob("review comment is no reply");
    }
    if (IsBotAccount(delivery.sender_login, delivery.sender_type) ||
        IsBotAccount(comment.author_login, comment.author_type)) {
        return NoJob("reply by a bot ignored");
    }
    return Job(JobKind::kLearnFeedback, kPriorityIndex, "", "reply to a review comment");
}

RoutingDecision RoutePush(const Delivery& delivery) {
    if (!delivery.push || delivery.repository_full_name.empty()) {
        return NoJob("push lacks the ref or the repository");
    }
    const PushFields& push = *delivery.push;
    if (push.deleted) {
        return NoJob("push deletes " + push.ref);
    }
    if (delivery.default_branch.empty()) {
        return NoJob("push to a repository whose default branch is not in the payload");
    }
    if (!push.to_default_branch) {
        return NoJob("push to " + push.ref + ", not the default branch");
    }
    // One key per repository: the job re-indexes from the last indexed commit to the
    // branch head, so a newer push covers an older one still queued.
    return Job(JobKind::kReindexPush, kPriorityIndex,
               "reindex_push:" + delivery.repository_full_name, "push to the default branch");
}

RoutingDecision RouteInstallation(const Delivery& delivery) {
    const std::string key = EventKey(delivery);
    if (!delivery.installation) {
        return NoJob(key + " lacks installation.id");
    }
    return Job(JobKind::kSyncInstallation, kPriorityInstallation, "", key);
}

}  // namespace

RoutingDecision RouteDelivery(const Delivery& delivery, const RoutingOptions& options) {
    const std::string& event = delivery.event;
    if (event == "pull_request") {
        return RoutePullRequest(delivery, options);
    }
    if (event == "issue_comment") {
        return RouteIssueComment(delivery);
    }
    if (event == "pull_request_review_comment") {
        return RouteReviewComment(delivery);
    }
    if (event == "push") {
        return RoutePush(delivery);
    }
    if (event == "installation" || event == "installation_repositories") {
        return RouteInstallation(delivery);
    }
    if (event == "ping") {
        return NoJob("ping needs no job; the receiver answers it with the zen");
    }
    return NoJob(EventKey(delivery) + " is not handled");
}

std::string JobKindName(JobKind kind) {
    switch (kind) {
        case JobKind::kReview:
            return "review";
        case JobKind::kIndexPullRequest:
            return "index_pr";
        case JobKind::kReindexPush:
            return "reindex_push";
        case JobKind::kHelpReply:
            return "help_reply";
        case JobKind::kSyncInstallation:
            return "sync_installation";
        case JobKind::kLearnFeedback:
            return "learn_feedback";
    }
    return "unknown";
}

}  // namespace nectr::webhooks
