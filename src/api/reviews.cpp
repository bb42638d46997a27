#include "api/reviews.hpp"

#include "api/query_params.hpp"
#include "api/read_handler.hpp"
#include "api/review_detail.hpp"
#include "api/review_list.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeReviewListHandler(ReadApiDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        core::Result<ReviewFilter> filter = ParseReviewFilter(request);
        if (!filter) {
            co_return http::ErrorResponse(filter.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::string>()> list =
            [&deps, user_id = caller->user_id, filter = *filter]() -> core::Result<std::string> {
            core::Result<ReviewPage> page = ListReviews(*deps.db, user_id, filter);
            if (!page) {
                return page.error();
            }
            return RenderReviewPage(*page, deps.github_web_url);
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(list));
    };
}

http::Handler MakeReviewHandler(ReadApiDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        const std::optional<std::int64_t> id =
            ParsePositiveId(request.PathParam("id").value_or(""));
        if (!id) {
            co_return http::ErrorResponse(
                BadParameter("a review id is a positive integer, as in /api/v1/reviews/42"));
        }
        std::function<core::Result<std::string>()> get = [&deps, user_id = caller->user_id,
                                                          id = *id]() -> core::Result<std::string> {
            core::Result<ReviewDetail> review = GetReview(*deps.db, user_id, id);
            if (!review) {
                return review.error();
            }
            return RenderReviewDetail(*review, deps.github_web_url);
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(get));
    };
}

}  // namespace nectr::api
