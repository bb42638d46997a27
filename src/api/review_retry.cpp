#include "api/review_retry.hpp"

#include <boost/json.hpp>

#include "api/query_params.hpp"
#include "api/read_handler.hpp"
#include "api/review_detail.hpp"
#include "store/sql.hpp"

namespace nectr::api {

namespace net = boost::asio;

namespace {

core::Result<queue::Job> LatestReviewJob(store::Database& db, queue::JobQueue& jobs,
                                         const ReviewSummary& review) {
    const store::Value params[] = {review.repository, review.pr_number};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kJobsLatestReviewJob, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::Error{core::Errc::kConflict,
                           "this review did not run from the queue; run `nectr review` again"};
    }
    const std::optional<std::int64_t> id = store::AsInt(rows->rows.front().front());
    if (!id) {
        return core::Error{core::Errc::kInternal, "a job id is not an integer"};
    }
    return jobs.Get(*id);
}

queue::NewJob CopyOf(const queue::Job& job) {
    queue::NewJob copy;
    copy.kind = job.kind;
    copy.payload = job.payload;
    copy.priority = job.priority;
    copy.max_attempts = job.max_attempts;
    copy.event_id = job.event_id;
    copy.repo_full_name = job.repo_full_name;
    copy.pr_number = job.pr_number;
    copy.head_sha = job.head_sha;
    copy.coalesce_key = job.coalesce_key;
    copy.concurrency_key = job.concurrency_key;
    return copy;
}

}  // namespace

core::Result<std::int64_t> RetryReview(store::Database& db, queue::JobQueue& jobs,
                                       std::int64_t user_id, std::int64_t review_id) {
    core::Result<ReviewDetail> review = GetReview(db, user_id, review_id);
    if (!review) {
        return review.error();
    }
    if (review->summary.status != "failed") {
        return core::Error{
            core::Errc::kConflict,
            "only a failed review can be retried (this one is " + review->summary.status + ")"};
    }
    core::Result<queue::Job> job = LatestReviewJob(db, jobs, review->summary);
    if (!job) {
        return job.error();
    }
    if (job->state == queue::JobState::kQueued || job->state == queue::JobState::kRunning) {
        return core::Error{core::Errc::kConflict,
                           "a review of this pull request is already queued or running"};
    }
    return jobs.Enqueue(CopyOf(*job));
}

http::Handler MakeReviewRetryHandler(ReadApiDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        const std::optional<std::int64_t> id =
            ParsePositiveId(request.PathParam("id").value_or(""));
        if (!id) {
            co_return http::ErrorResponse(
                BadParameter("a review id is a positive integer, as in /api/v1/reviews/42"));
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::int64_t>()> retry =
            [&deps, user_id = caller->user_id, id = *id]() -> core::Result<std::int64_t> {
            return RetryReview(*deps.db, *deps.jobs, user_id, id);
        };
        core::Result<std::int64_t> job_id =
            co_await deps.pool->Call<core::Result<std::int64_t>>(std::move(retry));
        if (!job_id) {
            co_return http::ErrorResponse(job_id.error());
        }
        if (deps.job_queued) {
            deps.job_queued();
        }
        boost::json::object body{{"job_id", *job_id}, {"review_id", *id}};
        http::Response response = http::Response::Json(202, boost::json::serialize(body));
        response.SetHeader("Cache-Control", "no-store");
        co_return response;
    };
}

}  // namespace nectr::api
