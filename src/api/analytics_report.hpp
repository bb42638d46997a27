#pragma once

// Turns the store's analytics figures into the answer of GET /api/v1/analytics. Pure: the
// same figures give the same bytes, whichever engine produced them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/analytics_query.hpp"

namespace nectr::api {

inline constexpr std::size_t kTopAuthors = 10;
// Windows longer than this list days from the first with a review rather than from `since`,
// so that since=0 does not produce fifty years of empty days.
inline constexpr std::int64_t kMaxFilledDays = 366;

// The median; for an even count, the mean of the middle two rounded down. nullopt when empty.
std::optional<std::int64_t> MedianOf(std::vector<std::int64_t> values);

// The first `count` authors by pull requests, then posted reviews (both descending), then
// login (byte order, ascending).
std::vector<AuthorFigures> TopAuthors(std::vector<AuthorFigures> authors, std::size_t count);

// The days in order, one entry per UTC day from the window's first (the day of `since_ms`,
// or the first day with a review when that is over kMaxFilledDays before the day of
// `now_ms`) to the later of today and the last day with a review; zeros where nothing
// happened.
std::vector<DayFigures> FillDays(const std::vector<DayFigures>& days, std::int64_t since_ms,
                                 std::int64_t now_ms);

// {"repo": "owner/name" | null, "since", "until" (ISO 8601 UTC; until is now),
//  "prs_reviewed", "reviews" (runs of any status), "posted_reviews",
//  "verdicts": {"APPROVE", "REQUEST_CHANGES", "NEEDS_DISCUSSION", then any other, by name},
//  "top_authors": [{"author", "prs", "reviews"}],
//  "per_day": [{"date": "YYYY-MM-DD", "reviews", "posted", "input_tokens", "output_tokens",
//               "cost_usd"}],
//  "time_to_review_ms": {"median": ms | null, "samples"},
//  "comments_by_severity": {"critical": {"total", "per_review"}, ... "info"},
//  "input_tokens", "output_tokens", "cost_usd"}.
// Verdicts, authors and severities count posted reviews; days, tokens and cost every run.
// per_review is total / posted_reviews to two decimals (0 without posted reviews).
std::string RenderAnalytics(const AnalyticsQuery& query, const AnalyticsData& data);

}  // namespace nectr::api
