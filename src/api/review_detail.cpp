#include "api/review_detail.hpp"

#include <boost/json.hpp>

#include "api/json_values.hpp"
#include "api/row_fields.hpp"
#include "core/time_format.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

// The stored details are JSON the review store wrote; a row that holds something else is
// still shown, as text, rather than hiding the review.
json::value DetailsJson(const std::optional<std::string>& details) {
    if (!details) {
        return nullptr;
    }
    boost::system::error_code ec;
    json::value parsed = json::parse(*details, ec);
    return ec ? json::value(*details) : parsed;
}

ReviewCommentView CommentFromRow(const store::Rows& rows, std::size_t i) {
    ReviewCommentView comment;
    comment.id = IntAt(rows, i, "id").value_or(0);
    comment.path = TextAt(rows, i, "path").value_or("");
    comment.line = IntAt(rows, i, "line");
    comment.start_line = IntAt(rows, i, "start_line");
    comment.side = TextAt(rows, i, "side").value_or("RIGHT");
    comment.severity = TextAt(rows, i, "severity").value_or("");
    comment.category = TextAt(rows, i, "category");
    comment.body = TextAt(rows, i, "body").value_or("");
    comment.suggestion = TextAt(rows, i, "suggestion");
    comment.posted_inline = IntAt(rows, i, "posted_inline").value_or(0) != 0;
    comment.source = TextAt(rows, i, "source").value_or("");
    comment.created_at_ms = IntAt(rows, i, "created_at").value_or(0);
    return comment;
}

LlmCallView CallFromRow(const store::Rows& rows, std::size_t i) {
    LlmCallView call;
    call.id = IntAt(rows, i, "id").value_or(0);
    call.provider = TextAt(rows, i, "provider").value_or("");
    call.model = TextAt(rows, i, "model").value_or("");
    call.input_tokens = IntAt(rows, i, "input_tokens").value_or(0);
    call.output_tokens = IntAt(rows, i, "output_tokens").value_or(0);
    call.cost_usd = DoubleAt(rows, i, "cost_usd").value_or(0);
    call.latency_ms = IntAt(rows, i, "latency_ms").value_or(0);
    call.stop_reason = TextAt(rows, i, "stop_reason");
    call.created_at_ms = IntAt(rows, i, "created_at").value_or(0);
    return call;
}

ReviewDetail DetailFromRow(const store::Rows& rows) {
    ReviewDetail review;
    review.summary = ReviewSummaryFromRow(rows, 0);
    review.body = TextAt(rows, 0, "body");
    review.details = TextAt(rows, 0, "details");
    review.provider = TextAt(rows, 0, "provider");
    review.parts = IntAt(rows, 0, "parts").value_or(0);
    review.review_event = TextAt(rows, 0, "review_event");
    review.github_review_id = IntAt(rows, 0, "github_review_id");
    review.incremental_from_sha = TextAt(rows, 0, "incremental_from_sha");
    review.error = TextAt(rows, 0, "error");
    return review;
}

CommentCounts CountComments(const std::vector<ReviewCommentView>& comments) {
    CommentCounts counts;
    for (const ReviewCommentView& comment : comments) {
        ++counts.total;
        counts.posted_inline += comment.posted_inline ? 1 : 0;
        for (std::size_t s = 0; s < kSeverities.size(); ++s) {
            if (comment.severity == kSeverities[s]) {
                ++counts.by_severity[s];
            }
        }
    }
    return counts;
}

json::array RenderComments(const std::vector<ReviewCommentView>& comments) {
    json::array out;
    out.reserve(comments.size());
    for (const ReviewCommentView& comment : comments) {
        out.push_back(json::object{{"id", comment.id},
                                   {"path", comment.path},
                                   {"line", JsonOrNull(comment.line)},
                                   {"start_line", JsonOrNull(comment.start_line)},
                                   {"side", comment.side},
                                   {"severity", comment.severity},
                                   {"category", JsonOrNull(comment.category)},
                                   {"body", comment.body},
                                   {"suggestion", JsonOrNull(comment.suggestion)},
                                   {"posted_inline", comment.posted_inline},
                                   {"source", comment.source},
                                   {"created_at", core::FormatUtcMillis(comment.created_at_ms)}});
    }
    return out;
}

json::array RenderCalls(const std::vector<LlmCallView>& calls) {
    json::array out;
    out.reserve(calls.size());
    for (const LlmCallView& call : calls) {
        out.push_back(json::object{{"id", call.id},
                                   {"provider", call.provider},
                                   {"model", call.model},
                                   {"input_tokens", call.input_tokens},
                                   {"output_tokens", call.output_tokens},
                                   {"cost_usd", call.cost_usd},
                                   {"latency_ms", call.latency_ms},
                                   {"stop_reason", JsonOrNull(call.stop_reason)},
                                   {"created_at", core::FormatUtcMillis(call.created_at_ms)}});
    }
    return out;
}

}  // namespace

core::Result<ReviewDetail> GetReview(store::Database& database, std::int64_t user_id,
                                     std::int64_t review_id) {
    const store::Value review_params[] = {user_id, review_id};
    core::Result<store::Rows> review =
        store::Execute(database, store::sql::kReviewsGetForUser, review_params);
    if (!review) {
        return review.error();
    }
    if (review->empty()) {
        return core::MakeError(core::Errc::kNotFound, "review not found");
    }
    ReviewDetail detail = DetailFromRow(*review);
    const store::Value id_param[] = {review_id};
    core::Result<store::Rows> comments =
        store::Execute(database, store::sql::kReviewsCommentList, id_param);
    if (!comments) {
        return comments.error();
    }
    for (std::size_t i = 0; i < comments->size(); ++i) {
        detail.comments.push_back(CommentFromRow(*comments, i));
    }
    detail.summary.comments = CountComments(detail.comments);
    core::Result<store::Rows> calls =
        store::Execute(database, store::sql::kReviewsLlmCallList, id_param);
    if (!calls) {
        return calls.error();
    }
    for (std::size_t i = 0; i < calls->size(); ++i) {
        detail.llm_calls.push_back(CallFromRow(*calls, i));
    }
    core::Result<store::Rows> sources =
        store::Execute(database, store::sql::kReviewsContextSourceList, id_param);
    if (!sources) {
        return sources.error();
    }
    for (std::size_t i = 0; i < sources->size(); ++i) {
        detail.context_sources.push_back(
            {TextAt(*sources, i, "name").value_or(""), TextAt(*sources, i, "status").value_or(""),
             IntAt(*sources, i, "items").value_or(0), TextAt(*sources, i, "detail").value_or("")});
    }
    return detail;
}

std::string RenderReviewDetail(const ReviewDetail& review, std::string_view web_url) {
    json::object body = RenderReviewSummary(review.summary, web_url, std::nullopt);
    body["body"] = JsonOrNull(review.body);
    body["details"] = DetailsJson(review.details);
    body["provider"] = JsonOrNull(review.provider);
    body["parts"] = review.parts;
    body["review_event"] = JsonOrNull(review.review_event);
    body["github_review_id"] = JsonOrNull(review.github_review_id);
    body["incremental_from_sha"] = JsonOrNull(review.incremental_from_sha);
    body["error"] = JsonOrNull(review.error);
    body["comments"] = RenderComments(review.comments);
    body["llm_calls"] = RenderCalls(review.llm_calls);
    json::array sources;
    for (const ContextSourceView& source : review.context_sources) {
        sources.push_back(json::object{{"name", source.name},
                                       {"status", source.status},
                                       {"items", source.items},
                                       {"detail", source.detail}});
    }
    body["context_sources"] = std::move(sources);
    return json::serialize(body);
}

}  // namespace nectr::api
