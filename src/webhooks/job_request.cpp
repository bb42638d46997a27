#include "webhooks/job_request.hpp"

#include <boost/json.hpp>

namespace nectr::webhooks {

queue::NewJob MakeJobRequest(const Delivery& delivery, const RoutingDecision& decision) {
    namespace json = boost::json;
    queue::NewJob job;
    job.kind = JobKindName(*decision.job);
    job.priority = decision.priority;
    job.repo_full_name = delivery.repository_full_name;
    job.coalesce_key = decision.coalesce_key;
    json::object payload{{"event", delivery.event},
                         {"action", delivery.action},
                         {"delivery_id", delivery.delivery_id},
                         {"repository", delivery.repository_full_name},
                         {"trigger", decision.note}};
    if (delivery.installation_id) {
        payload["installation_id"] = *delivery.installation_id;
    }
    std::optional<std::int64_t> pr_number;
    if (delivery.pull_request) {
        pr_number = delivery.pull_request->number;
        job.head_sha = delivery.pull_request->head_sha;
        payload["head_sha"] = delivery.pull_request->head_sha;
        payload["base_ref"] = delivery.pull_request->base_ref;
    } else if (delivery.issue_comment && delivery.issue_comment->on_pull_request) {
        pr_number = delivery.issue_comment->issue_number;
        payload["comment_id"] = delivery.issue_comment->comment_id;
        payload["requested_by"] = delivery.issue_comment->author_login;
    } else if (delivery.review_comment) {
        pr_number = delivery.review_comment->pr_number;
        payload["comment_id"] = delivery.review_comment->comment_id;
        if (delivery.review_comment->in_reply_to_id) {
            payload["in_reply_to_id"] = *delivery.review_comment->in_reply_to_id;
        }
        payload["requested_by"] = delivery.review_comment->author_login;
    } else if (delivery.push) {
        payload["ref"] = delivery.push->ref;
        payload["before"] = delivery.push->before;
        payload["after"] = delivery.push->after;
        // The same key as scan_repository jobs: both work in the repository's one clone.
        job.concurrency_key = "scan:" + delivery.repository_full_name;
    } else if (delivery.installation) {
        // One sync of an installation at a time, so that its changes apply in arrival order.
        job.concurrency_key =
            "installation:" + std::to_string(delivery.installation->installation_id);
    }
    if (pr_number) {
        job.pr_number = *pr_number;
        payload["pr_number"] = *pr_number;
        // One job per pull request runs at a time, reviews and help replies alike.
        job.concurrency_key =
            queue::PullRequestConcurrencyKey(delivery.repository_full_name, *pr_number);
    }
    job.payload = json::serialize(payload);
    return job;
}

}  // namespace nectr::webhooks
