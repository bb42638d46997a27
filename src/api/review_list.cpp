#include "api/review_list.hpp"

#include <boost/json.hpp>
#include <limits>

#include "api/page_cursor.hpp"
#include "api/query_params.hpp"
#include "api/row_fields.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kStatuses[] = {"running", "ready", "posted", "skipped", "failed"};
constexpr std::string_view kVerdicts[] = {"APPROVE", "REQUEST_CHANGES", "NEEDS_DISCUSSION"};

template <std::size_t N>
bool IsOneOf(std::string_view text, const std::string_view (&names)[N]) {
    for (const std::string_view name : names) {
        if (text == name) {
            return true;
        }
    }
    return false;
}

std::string UpperCase(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

// A GitHub login (letters, digits, '-', up to 39 characters) or an App's bot account
// ("dependabot[bot]").
bool IsLogin(std::string_view text) {
    constexpr std::string_view kBotSuffix = "[bot]";
    if (text.ends_with(kBotSuffix)) {
        text.remove_suffix(kBotSuffix.size());
    }
    if (text.empty() || text.size() > 39) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

// Reads status, verdict and author into `filter`.
core::Result<void> ParseReviewFields(const http::Request& request, ReviewFilter& filter) {
    if (std::optional<std::string> status = NonEmptyParam(request, "status")) {
        if (!IsOneOf(*status, kStatuses)) {
            return BadParameter("status must be running, ready, posted, skipped or failed");
        }
        filter.status = std::move(*status);
    }
    if (std::optional<std::string> verdict = NonEmptyParam(request, "verdict")) {
        std::string upper = UpperCase(std::move(*verdict));
        if (!IsOneOf(upper, kVerdicts)) {
            return BadParameter("verdict must be APPROVE, REQUEST_CHANGES or NEEDS_DISCUSSION");
        }
        filter.verdict = std::move(upper);
    }
    if (std::optional<std::string> author = NonEmptyParam(request, "author")) {
        if (!IsLogin(*author)) {
            return BadParameter("author must be a GitHub login");
        }
        filter.author = std::move(*author);
    }
    return {};
}

ReviewSummary SummaryWithCounts(const store::Rows& rows, std::size_t i) {
    ReviewSummary review = ReviewSummaryFromRow(rows, i);
    review.comments.total = IntAt(rows, i, "comments_total").value_or(0);
    review.comments.posted_inline = IntAt(rows, i, "comments_posted_inline").value_or(0);
    for (std::size_t s = 0; s < kSeverities.size(); ++s) {
        const std::string column = "comments_" + std::string(kSeverities[s]);
        review.comments.by_severity[s] = IntAt(rows, i, column).value_or(0);
    }
    return review;
}

}  // namespace

core::Result<ReviewFilter> ParseReviewFilter(const http::Request& request) {
    ReviewFilter filter;
    core::Result<std::string> repo = ParseRepositoryParam(request);
    if (!repo) {
        return repo.error();
    }
    filter.repository = std::move(*repo);
    if (core::Result<void> fields = ParseReviewFields(request, filter); !fields) {
        return fields.error();
    }
    core::Result<std::int64_t> limit = ParseLimitParam(request, kDefaultReviewPage, kMaxReviewPage);
    if (!limit) {
        return limit.error();
    }
    filter.limit = *limit;
    core::Result<std::optional<std::int64_t>> before = ParseCursorParam(request);
    if (!before) {
        return before.error();
    }
    filter.before_id = *before;
    return filter;
}

core::Result<ReviewPage> ListReviews(store::Database& database, std::int64_t user_id,
                                     const ReviewFilter& filter) {
    // One row more than the page tells whether another page follows.
    const store::Value params[] = {
        user_id,         filter.repository,
        filter.status,   filter.verdict,
        filter.author,   filter.before_id.value_or(std::numeric_limits<std::int64_t>::max()),
        filter.limit + 1};
    core::Result<store::Rows> rows =
        store::Execute(database, store::sql::kReviewsListForUser, params);
    if (!rows) {
        return rows.error();
    }
    ReviewPage page;
    const std::size_t shown = std::min(rows->size(), static_cast<std::size_t>(filter.limit));
    page.reviews.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) {
        page.reviews.push_back(SummaryWithCounts(*rows, i));
    }
    if (rows->size() > shown && !page.reviews.empty()) {
        page.next_before_id = page.reviews.back().id;
    }
    return page;
}

std::string RenderReviewPage(const ReviewPage& page, std::string_view web_url) {
    json::array reviews;
    reviews.reserve(page.reviews.size());
    for (const ReviewSummary& review : page.reviews) {
        reviews.push_back(RenderReviewSummary(review, web_url, kListedSummaryChars));
    }
    json::object body{{"reviews", std::move(reviews)}};
    body["next_cursor"] = page.next_before_id ? json::value(EncodePageCursor(*page.next_before_id))
                                              : json::value(nullptr);
    return json::serialize(body);
}

}  // namespace nectr::api
