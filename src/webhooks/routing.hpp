#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "webhooks/delivery.hpp"

namespace nectr::webhooks {

// The work a delivery can start.
enum class JobKind {
    kReview,
    kIndexPullRequest,
    kReindexPush,
    kHelpReply,
    kSyncInstallation,
    kLearnFeedback,
};

// Job priorities: higher runs sooner. A person who typed a command is waiting for the
// answer; an automatic review is awaited too, but less eagerly; indexing can lag.
inline constexpr int kPriorityNone = 0;
inline constexpr int kPriorityIndex = 10;
inline constexpr int kPriorityInstallation = 20;
inline constexpr int kPriorityReview = 20;
inline constexpr int kPriorityCommand = 30;

// Per-repository choices that change routing; the caller fills them from the repository's
// configuration.
struct RoutingOptions {
    bool review_drafts = false;
};

struct RoutingDecision {
    std::optional<JobKind> job;  // nullopt: store the event as completed with `note`
    // Without a job: why nothing happens ("pull_request.labeled is not handled", "draft pull
    // request skipped"). With a job: what triggered it. Never quotes a comment body.
    std::string note;
    int priority = kPriorityNone;
    // A queued job with the same key is superseded by this one ("review:owner/repo#12": a
    // newer synchronize replaces an older review not yet started). Empty: never superseded,
    // for jobs that each carry their own delta (installation changes, help replies).
    std::string coalesce_key;
};

// Decides what a parsed delivery should start. Expects a delivery whose signature was
// already checked. Rules:
//   pull_request opened/reopened/synchronize/ready_for_review  -> kReview (drafts only with
//       options.review_drafts; closed PRs never)
//   pull_request closed with merged                             -> kIndexPullRequest
//   issue_comment created on a PR, not by a bot, with a command -> kReview or kHelpReply
//   pull_request_review_comment created as a reply, not by a bot -> kLearnFeedback
//   push to refs/heads/<default branch>, not a deletion         -> kReindexPush
//   installation, installation_repositories                     -> kSyncInstallation
//   anything else (ping included)                               -> no job, with a note
// Pure; never throws.
RoutingDecision RouteDelivery(const Delivery& delivery, const RoutingOptions& options = {});

// "review", "index_pr", "reindex_push", "help_reply", "sync_installation", "learn_feedback":
// stable names for
// the jobs table and logs.
std::string JobKindName(JobKind kind);

}  // namespace nectr::webhooks
