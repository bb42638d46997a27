#include "api/review_summary.hpp"

#include <boost/json/value.hpp>

#include "api/json_values.hpp"
#include "api/row_fields.hpp"
#include "core/time_format.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

json::object RenderCounts(const CommentCounts& counts) {
    json::object by_severity;
    for (std::size_t i = 0; i < kSeverities.size(); ++i) {
        by_severity[kSeverities[i]] = counts.by_severity[i];
    }
    return json::object{{"total", counts.total},
                        {"posted_inline", counts.posted_inline},
                        {"by_severity", std::move(by_severity)}};
}

}  // namespace

ReviewSummary ReviewSummaryFromRow(const store::Rows& rows, std::size_t row) {
    ReviewSummary review;
    review.id = IntAt(rows, row, "id").value_or(0);
    review.repository = TextAt(rows, row, "repo_full_name").value_or("");
    review.pr_number = IntAt(rows, row, "pr_number").value_or(0);
    review.pr_title = TextAt(rows, row, "pr_title");
    review.author = TextAt(rows, row, "pr_author");
    review.head_sha = TextAt(rows, row, "head_sha");
    review.status = TextAt(rows, row, "status").value_or("");
    review.verdict = TextAt(rows, row, "verdict");
    review.summary = TextAt(rows, row, "summary");
    review.model = TextAt(rows, row, "model");
    review.input_tokens = IntAt(rows, row, "input_tokens").value_or(0);
    review.output_tokens = IntAt(rows, row, "output_tokens").value_or(0);
    review.cost_usd = DoubleAt(rows, row, "cost_usd").value_or(0);
    review.duration_ms = IntAt(rows, row, "duration_ms");
    review.created_at_ms = IntAt(rows, row, "created_at").value_or(0);
    review.completed_at_ms = IntAt(rows, row, "completed_at");
    return review;
}

std::string TruncateUtf8(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Continuation bytes (10xxxxxx) belong to the character before them.
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) {
                return std::string(text.substr(0, i));
            }
            ++chars;
        }
    }
    return std::string(text);
}

std::string PullRequestUrl(std::string_view web_url, std::string_view repository,
                           std::int64_t pr_number) {
    while (!web_url.empty() && web_url.back() == '/') {
        web_url.remove_suffix(1);
    }
    std::string url(web_url);
    url += '/';
    url += repository;
    url += "/pull/";
    url += std::to_string(pr_number);
    return url;
}

json::object RenderReviewSummary(const ReviewSummary& review, std::string_view web_url,
                                 std::optional<std::size_t> summary_chars) {
    std::optional<std::string> summary = review.summary;
    if (summary && summary_chars) {
        summary = TruncateUtf8(*summary, *summary_chars);
    }
    return json::object{{"id", review.id},
                        {"repo", review.repository},
                        {"pr_number", review.pr_number},
                        {"pr_title", JsonOrNull(review.pr_title)},
                        {"author", JsonOrNull(review.author)},
                        {"head_sha", JsonOrNull(review.head_sha)},
                        {"status", review.status},
                        {"verdict", JsonOrNull(review.verdict)},
                        {"summary", JsonOrNull(summary)},
                        {"comment_counts", RenderCounts(review.comments)},
                        {"model", JsonOrNull(review.model)},
                        {"input_tokens", review.input_tokens},
                        {"output_tokens", review.output_tokens},
                        {"cost_usd", review.cost_usd},
                        {"duration_ms", JsonOrNull(review.duration_ms)},
                        {"created_at", core::FormatUtcMillis(review.created_at_ms)},
                        {"completed_at", JsonTimeOrNull(review.completed_at_ms)},
                        {"html_url", PullRequestUrl(web_url, review.repository, review.pr_number)}};
}

}  // namespace nectr::api
