#pragma once

// One review as the read API shows it in lists and at the head of its own page.
#include <array>
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/value.hpp"

namespace nectr::api {

// The severities a comment may carry, most severe first: the names analyzers::SeverityName
// gives (the api module does not depend on the analyzers).
inline constexpr std::array<std::string_view, 5> kSeverities = {"critical", "high", "medium", "low",
                                                                "info"};

struct CommentCounts {
    std::int64_t total = 0;
    std::int64_t posted_inline = 0;  // posted as inline comments, not folded into the body
    std::array<std::int64_t, kSeverities.size()> by_severity{};  // in kSeverities' order
};

struct ReviewSummary {
    std::int64_t id = 0;
    std::string repository;
    std::int64_t pr_number = 0;
    std::optional<std::string> pr_title;  // NULL for reviews stored before titles were kept
    std::optional<std::string> author;    // the pull request's author, a GitHub login
    std::optional<std::string> head_sha;
    std::string status;  // running, ready, posted, skipped, failed
    std::optional<std::string> verdict;
    std::optional<std::string> summary;
    std::optional<std::string> model;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;
    std::optional<std::int64_t> duration_ms;
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> completed_at_ms;
    CommentCounts comments;
};

// The columns of a reviews row, named as in the table (comment counts are not read here).
ReviewSummary ReviewSummaryFromRow(const store::Rows& rows, std::size_t row);

// The first `max_chars` characters (code points) of UTF-8 text, never cutting one in two.
std::string TruncateUtf8(std::string_view text, std::size_t max_chars);

// https://github.com/{repo}/pull/{n} on the given web root (a trailing '/' is ignored).
std::string PullRequestUrl(std::string_view web_url, std::string_view repository,
                           std::int64_t pr_number);

// {"id", "repo", "pr_number", "pr_title", "author", "head_sha", "status", "verdict",
//  "summary", "comment_counts": {"total", "posted_inline", "by_severity": {"critical", ...}},
//  "model", "input_tokens", "output_tokens", "cost_usd", "duration_ms", "created_at",
//  "completed_at", "html_url"}; times in ISO 8601 UTC; the summary cut to `summary_chars`
// characters when set. Pure.
boost::json::object RenderReviewSummary(const ReviewSummary& review, std::string_view web_url,
                                        std::optional<std::size_t> summary_chars);

}  // namespace nectr::api
