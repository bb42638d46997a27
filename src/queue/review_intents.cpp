#include "queue/review_intents.hpp"

#include <fmt/core.h>

#include <string>

#include "queue/job_records.hpp"
#include "store/sql.hpp"

namespace nectr::queue {
namespace {

using core::Errc;
using store::Rows;
using store::Value;

std::string Describe(std::string_view repo_full_name, std::int64_t pr_number,
                     std::string_view head_sha) {
    return fmt::format("{}#{}@{}", repo_full_name, pr_number, head_sha);
}

}  // namespace

ReviewIntents::ReviewIntents(store::Database& database, const core::Clock& clock)
    : database_(database), clock_(clock) {}

Result<bool> ReviewIntents::IsPosted(std::string_view repo_full_name, std::int64_t pr_number,
                                     std::string_view head_sha) {
    const Value params[] = {std::string(repo_full_name), pr_number, std::string(head_sha)};
    Result<Rows> found = store::Execute(database_, store::sql::kJobsFindReviewIntent, params);
    if (!found) {
        return found.error();
    }
    return !found->empty() && TextColumn(*found, 0, "state") == "posted";
}

Result<IntentState> ReviewIntents::BeginPosting(std::string_view repo_full_name,
                                                std::int64_t pr_number, std::string_view head_sha,
                                                std::int64_t job_id) {
    const std::int64_t now_ms = core::ToUnixMillis(clock_.Now());
    IntentState state;
    Result<void> done =
        store::InTransaction(database_, [&](store::Connection& connection) -> Result<void> {
            const Value params[] = {std::string(repo_full_name), pr_number, std::string(head_sha),
                                    job_id, now_ms};
            Result<Rows> inserted = connection.Execute(store::sql::kJobsInsertReviewIntent, params);
            if (!inserted) {
                return inserted.error();
            }
            if (!inserted->empty()) {
                state.action = PostingAction::kProceed;
                return {};
            }
            // An intent exists. On PostgreSQL, a concurrent insert that was still open has
            // committed by now: ON CONFLICT waited for it, so the lookup below sees it.
            const std::span<const Value> key(params, 3);
            Result<Rows> found = connection.Execute(store::sql::kJobsFindReviewIntent, key);
            if (!found) {
                return found.error();
            }
            if (found->empty()) {
                return core::MakeError(Errc::kInternal,
                                       fmt::format("the posting intent of {} vanished",
                                                   Describe(repo_full_name, pr_number, head_sha)));
            }
            state.github_review_id = IntColumn(*found, 0, "github_review_id");
            if (TextColumn(*found, 0, "state") == "posted") {
                state.action = PostingAction::kAlreadyPosted;
                return {};
            }
            state.action = PostingAction::kResume;
            Result<Rows> resumed = connection.Execute(store::sql::kJobsResumeReviewIntent, params);
            if (!resumed) {
                return resumed.error();
            }
            return {};
        });
    if (!done) {
        return done.error();
    }
    return state;
}

Result<void> ReviewIntents::RecordReviewId(std::string_view repo_full_name, std::int64_t pr_number,
                                           std::string_view head_sha,
                                           std::int64_t github_review_id) {
    const Value params[] = {std::string(repo_full_name), pr_number, std::string(head_sha),
                            github_review_id, core::ToUnixMillis(clock_.Now())};
    Result<Rows> recorded = store::Execute(database_, store::sql::kJobsRecordReviewId, params);
    if (!recorded) {
        return recorded.error();
    }
    if (recorded->affected_rows == 0) {
        return core::MakeError(Errc::kConflict,
                               fmt::format("no posting of {} is under way",
                                           Describe(repo_full_name, pr_number, head_sha)));
    }
    return {};
}

Result<void> ReviewIntents::MarkPosted(std::string_view repo_full_name, std::int64_t pr_number,
                                       std::string_view head_sha, std::int64_t github_review_id) {
    const Value params[] = {std::string(repo_full_name), pr_number, std::string(head_sha),
                            github_review_id, core::ToUnixMillis(clock_.Now())};
    Result<Rows> marked = store::Execute(database_, store::sql::kJobsMarkReviewPosted, params);
    if (!marked) {
        return marked.error();
    }
    if (marked->affected_rows == 0) {
        return core::MakeError(Errc::kNotFound,
                               fmt::format("no posting of {} was begun",
                                           Describe(repo_full_name, pr_number, head_sha)));
    }
    return {};
}

}  // namespace nectr::queue
