#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::queue {

using core::Result;

// What a review job does about posting its review of one head commit.
enum class PostingAction {
    kProceed,        // nothing was posted: post now (the intent is recorded)
    kResume,         // an earlier attempt recorded its intent and crashed: see ReviewIntents
    kAlreadyPosted,  // a review of this commit is on GitHub: do nothing
};

struct IntentState {
    PostingAction action = PostingAction::kProceed;
    // kResume: the review id the crashed attempt had noted, if it got that far.
    // kAlreadyPosted: the posted review's id.
    std::optional<std::int64_t> github_review_id;
};

// The posting ledger (table review_intents) that keeps a retried review job from posting a
// second review of the same commit. The review job (app/review_job.cpp) uses it like this:
//   1. IsPosted at the start: a commit already reviewed costs no model call.
//   2. BeginPosting just before calling GitHub. kAlreadyPosted: mark the job done.
//      kProceed: post the review, whose body ends with a hidden marker naming the head.
//      kResume: an earlier attempt crashed after step 2; list the pull request's reviews and
//      adopt the one carrying the marker, or post afresh when there is none. (RecordReviewId
//      serves a caller that creates the review first and submits it later.)
//   3. MarkPosted once GitHub has the review; then complete the job.
// Every method blocks on the database: call it from the blocking pool. Thread-safe.
class ReviewIntents {
public:
    ReviewIntents(store::Database& database, const core::Clock& clock);

    // True when a review of (repo, PR, head SHA) is recorded as posted.
    Result<bool> IsPosted(std::string_view repo_full_name, std::int64_t pr_number,
                          std::string_view head_sha);

    // Records the intent of job `job_id` to post the review of (repo, PR, head SHA), or reports
    // the intent an earlier attempt left (the job then takes it over). Store errors only.
    Result<IntentState> BeginPosting(std::string_view repo_full_name, std::int64_t pr_number,
                                     std::string_view head_sha, std::int64_t job_id);

    // Notes the id of the review created on GitHub before it is submitted, so that a retry
    // finishes that review instead of creating another. kConflict when no posting is under way
    // (none begun, or already posted).
    Result<void> RecordReviewId(std::string_view repo_full_name, std::int64_t pr_number,
                                std::string_view head_sha, std::int64_t github_review_id);

    // The review is on GitHub. kNotFound when BeginPosting was never called for it.
    Result<void> MarkPosted(std::string_view repo_full_name, std::int64_t pr_number,
                            std::string_view head_sha, std::int64_t github_review_id);

private:
    store::Database& database_;
    const core::Clock& clock_;
};

}  // namespace nectr::queue
