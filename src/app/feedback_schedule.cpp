#include "app/feedback_schedule.hpp"

#include <fmt/core.h>

#include <boost/json.hpp>

#include "queue/job_store.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

constexpr std::int64_t kFeedbackPriority = 5;
constexpr std::int64_t kMillisPerHour = std::int64_t{3600} * 1000;

}  // namespace

core::Result<void> SchedulePollFeedback(store::Database& db, const std::string& repository,
                                        int pr_number, std::int64_t github_review_id,
                                        std::optional<std::int64_t> installation_id,
                                        int delay_hours, std::int64_t now_ms) {
    json::object payload{
        {"repository", repository}, {"pr_number", pr_number}, {"review_id", github_review_id}};
    if (installation_id) {
        payload["installation_id"] = *installation_id;
    }
    queue::NewJob job;
    job.kind = std::string(kPollFeedbackJob);
    job.payload = json::serialize(payload);
    job.priority = kFeedbackPriority;
    job.run_at_ms = now_ms + delay_hours * kMillisPerHour;
    job.repo_full_name = repository;
    job.pr_number = pr_number;
    // One poll per posted review: a review job that runs again after posting (a crash, a
    // retry) supersedes its earlier poll instead of adding a second one.
    job.coalesce_key = fmt::format("poll_feedback:{}:{}", repository, github_review_id);
    return store::InTransaction(db, [&job, now_ms](store::Connection& tx) -> core::Result<void> {
        auto queued = queue::EnqueueJob(tx, job, now_ms);
        if (!queued) {
            return queued.error();
        }
        return {};
    });
}

}  // namespace nectr::app
