#pragma once

// Where reviews are kept: one row per review run, its comments and its model calls. Every
// method blocks on the database: call it from the blocking pool.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "llm/tool_loop.hpp"
#include "review/change.hpp"
#include "review/github_review.hpp"
#include "review/merge.hpp"
#include "review/review_report.hpp"
#include "store/database.hpp"

namespace nectr::review {

struct PreviousReview {
    std::int64_t id = 0;
    std::string head_sha;
    std::vector<EarlierComment> comments;
};

class ReviewStore {
public:
    ReviewStore(store::Database& database, const core::Clock& clock);

    // A new run of the review of `change`; returns its id.
    core::Result<std::int64_t> Begin(const ChangeInfo& change, std::optional<std::int64_t> event_id,
                                     const std::string& incremental_from);

    // Stores what the run produced (status "ready": waiting to be posted) with its comments.
    core::Result<void> SaveResult(std::int64_t review_id, const ReviewReport& report,
                                  const PostableReview& postable, std::string_view provider);

    core::Result<void> RecordModelCall(std::int64_t review_id, std::string_view provider,
                                       const llm::CallRecord& call);
    // What one context integration (an MCP server) contributed to the review: status "ok",
    // "skipped" or "failed", the number of items it gave, and why it was skipped or failed.
    core::Result<void> RecordContextSource(std::int64_t review_id, std::string_view name,
                                           std::string_view status, std::int64_t items,
                                           std::string_view detail);
    core::Result<void> MarkPosted(std::int64_t review_id, std::int64_t github_review_id);
    core::Result<void> MarkFailed(std::int64_t review_id, std::string_view reason);
    // Finished without posting ("skipped": a draft, a superseded head), with the reason.
    core::Result<void> MarkSkipped(std::int64_t review_id, std::string_view reason);

    // The latest posted review of a pull request with its comments; nullopt when none.
    core::Result<std::optional<PreviousReview>> LastPosted(std::string_view repo_full_name,
                                                           std::int64_t pr_number);

private:
    store::Database& database_;
    const core::Clock& clock_;
};

}  // namespace nectr::review
