#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/review_summary.hpp"
#include "core/error.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace nectr::api {

inline constexpr std::int64_t kDefaultReviewPage = 20;
inline constexpr std::int64_t kMaxReviewPage = 100;
// A list shows the start of each summary; the review's own page shows all of it.
inline constexpr std::size_t kListedSummaryChars = 300;

// Which reviews GET /api/v1/reviews lists, newest first. Empty strings match anything.
struct ReviewFilter {
    std::string repository;  // "owner/name"
    std::string status;      // running, ready, posted, skipped, failed
    std::string verdict;     // APPROVE, REQUEST_CHANGES, NEEDS_DISCUSSION
    std::string author;      // the pull request's author, a GitHub login
    std::int64_t limit = kDefaultReviewPage;
    std::optional<std::int64_t> before_id;  // from the cursor: only ids below it
};

// Reads ?repo=&status=&verdict=&author=&limit=&cursor= (an empty value counts as absent;
// other parameters are ignored; the verdict in any case). kInvalidInput, naming the
// parameter, for a repository that is not owner/name, an unknown status or verdict, an
// author that cannot be a GitHub login, a limit outside 1..kMaxReviewPage, or a cursor this
// API did not issue. Pure.
core::Result<ReviewFilter> ParseReviewFilter(const http::Request& request);

struct ReviewPage {
    std::vector<ReviewSummary> reviews;
    std::optional<std::int64_t> next_before_id;  // set when more reviews match
};

// One page of the reviews of the repositories user `user_id` reaches that match `filter`,
// newest first, with their comment counts (one query). Store errors as they come. Blocks.
core::Result<ReviewPage> ListReviews(store::Database& database, std::int64_t user_id,
                                     const ReviewFilter& filter);

// {"reviews": [RenderReviewSummary with summaries cut to kListedSummaryChars],
//  "next_cursor": "..." | null}. Pure.
std::string RenderReviewPage(const ReviewPage& page, std::string_view web_url);

}  // namespace nectr::api
