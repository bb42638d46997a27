#include "api/events.hpp"

#include "api/event_list.hpp"
#include "api/operator_auth.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeEventsHandler(EventsDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        if (core::Result<void> admitted = CheckOperatorToken(request, deps.operator_token);
            !admitted) {
            co_return OperatorAuthFailure(admitted.error());
        }
        core::Result<EventFilter> filter = ParseEventFilter(request);
        if (!filter) {
            co_return http::ErrorResponse(filter.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<EventPage>()> list = [&deps, &filter] {
            return ListEvents(*deps.db, *filter);
        };
        core::Result<EventPage> page =
            co_await deps.pool->Call<core::Result<EventPage>>(std::move(list));
        if (!page) {
            co_return http::ErrorResponse(page.error());
        }
        http::Response response = http::Response::Json(200, RenderEventPage(*page));
        response.SetHeader("Cache-Control", "no-store");
        co_return response;
    };
}

}  // namespace nectr::api
