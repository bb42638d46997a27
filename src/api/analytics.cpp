#include "api/analytics.hpp"

#include "api/analytics_query.hpp"
#include "api/analytics_report.hpp"
#include "api/read_handler.hpp"
#include "core/error.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeAnalyticsHandler(ReadApiDeps deps) {
    NECTR_ASSERT(deps.clock != nullptr, "analytics needs a clock for its default window");
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
        if (!caller) {
            co_return AuthFailure(caller.error());
        }
        core::Result<AnalyticsQuery> query =
            ParseAnalyticsQuery(request, core::ToUnixMillis(deps.clock->Now()));
        if (!query) {
            co_return http::ErrorResponse(query.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::string>()> compute =
            [&deps, user_id = caller->user_id, query = *query]() -> core::Result<std::string> {
            core::Result<AnalyticsData> data = LoadAnalytics(*deps.db, user_id, query);
            if (!data) {
                return data.error();
            }
            return RenderAnalytics(query, *data);
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(compute));
    };
}

}  // namespace nectr::api
