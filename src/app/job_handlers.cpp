#include "app/job_handlers.hpp"

#include "api/repos_store.hpp"
#include "app/feedback_jobs.hpp"
#include "app/index_jobs.hpp"
#include "app/scan_job.hpp"
#include "webhooks/installation_sync.hpp"
#include "webhooks/routing.hpp"

namespace nectr::app {

void RegisterJobHandlers(queue::Worker& worker, const JobHandlerDeps& deps) {
    worker.Register(webhooks::JobKindName(webhooks::JobKind::kSyncInstallation),
                    webhooks::MakeInstallationSyncHandler(
                        webhooks::InstallationSyncDeps{deps.db, deps.pool, deps.clock}));
    if (deps.review != nullptr) {
        worker.Register(webhooks::JobKindName(webhooks::JobKind::kReview),
                        MakeReviewJobHandler(*deps.review));
        worker.Register(webhooks::JobKindName(webhooks::JobKind::kHelpReply),
                        MakeHelpReplyHandler(*deps.review));
        worker.Register(webhooks::JobKindName(webhooks::JobKind::kIndexPullRequest),
                        MakeIndexPullRequestHandler(*deps.review));
        worker.Register(std::string(api::kScanRepositoryJob),
                        MakeScanRepositoryHandler(*deps.review));
        worker.Register(webhooks::JobKindName(webhooks::JobKind::kReindexPush),
                        MakeReindexPushHandler(*deps.review));
        worker.Register(webhooks::JobKindName(webhooks::JobKind::kLearnFeedback),
                        MakeLearnFeedbackHandler(*deps.review));
        worker.Register(std::string(kPollFeedbackJob), MakePollFeedbackHandler(*deps.review));
    }
}

queue::QueueOptions MakeQueueOptions(const core::Config& config) {
    queue::QueueOptions options;
    options.lease = std::chrono::seconds(config.queue_lease_seconds);
    options.base_backoff = std::chrono::seconds(config.queue_retry_seconds);
    options.repository_limited_kind = webhooks::JobKindName(webhooks::JobKind::kReview);
    return options;
}

}  // namespace nectr::app
