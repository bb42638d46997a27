#pragma once

// What GET /api/v1/analytics asks for, and the figures the store gives for it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace nectr::api {

inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::int64_t kDefaultAnalyticsDays = 30;

struct AnalyticsQuery {
    std::string repository;  // "owner/name"; empty: every repository the caller reaches
    std::int64_t since_ms = 0;
    std::int64_t now_ms = 0;  // when the question was asked: the window's end for display
};

// A point in time as ?since= gives it, in Unix milliseconds: a date ("2024-05-01", midnight
// UTC), a UTC date and time ("2024-05-01T12:30:00Z", "2024-05-01T12:30:00.250Z"), or Unix
// milliseconds ("1714566600000"). kInvalidInput for anything else. Pure.
core::Result<std::int64_t> ParseSince(std::string_view text);

// Reads ?repo=&since= (empty counts as absent; since defaults to 30 days before `now_ms`).
// kInvalidInput for a repository that is not owner/name or a since ParseSince refuses. Pure.
core::Result<AnalyticsQuery> ParseAnalyticsQuery(const http::Request& request, std::int64_t now_ms);

// One UTC day's reviews.
struct DayFigures {
    std::int64_t day = 0;  // days since the Unix epoch
    std::int64_t reviews = 0;
    std::int64_t posted = 0;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cost_micros = 0;  // millionths of a dollar
};

struct AuthorFigures {
    std::string author;
    std::int64_t prs = 0;
    std::int64_t reviews = 0;  // posted
};

struct NamedCount {
    std::string name;
    std::int64_t count = 0;
};

// The store's answers, unordered: ranking, medians and gaps are AnalyticsReport's work.
struct AnalyticsData {
    std::int64_t prs_reviewed = 0;
    std::vector<DayFigures> days;
    std::vector<NamedCount> verdicts;  // of posted reviews
    std::vector<AuthorFigures> authors;
    std::vector<std::int64_t> posting_delays_ms;
    std::vector<NamedCount> severities;  // comments of posted reviews
};

// Reads the figures of the reviews created since `query.since_ms` in the repositories user
// `user_id` reaches, or in `query.repository` alone. kNotFound ("repository not found") when
// that repository is not one the user reaches, whether or not it exists. Store errors as they
// come. Blocks.
core::Result<AnalyticsData> LoadAnalytics(store::Database& database, std::int64_t user_id,
                                          const AnalyticsQuery& query);

}  // namespace nectr::api
