#include "api/events.hpp"

#include "api/event_list.hpp"
#include "api/operator_auth.hpp"
#include "api/read_handler.hpp"

namespace nectr::api {
namespace {

namespace net = boost::asio;

// Who may see what: the operator everything, a user their repositories' events.
net::awaitable<core::Result<EventScope>> ScopeOf(const EventsDeps& deps,
                                                 const http::Request& request) {
    core::Result<void> operator_check = CheckOperatorToken(request, deps.operator_token);
    if (operator_check) {
        co_return EventScope{};
    }
    if (!deps.authenticate) {
        co_return operator_check.error();
    }
    core::Result<auth::Caller> caller = co_await FindCaller(deps.authenticate, request);
    if (!caller) {
        co_return caller.error();
    }
    co_return EventScope{caller->user_id};
}

}  // namespace

http::Handler MakeEventsHandler(EventsDeps deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        core::Result<EventScope> scope = co_await ScopeOf(deps, request);
        if (!scope) {
            co_return AuthFailure(scope.error());
        }
        core::Result<EventFilter> filter = ParseEventFilter(request);
        if (!filter) {
            co_return http::ErrorResponse(filter.error());
        }
        // Named before the await: g++ 12 mishandles lambdas inside co_await expressions.
        std::function<core::Result<std::string>()> list =
            [&deps, filter = *filter, scope = *scope]() -> core::Result<std::string> {
            core::Result<EventPage> page = ListEvents(*deps.db, filter, scope);
            if (!page) {
                return page.error();
            }
            return RenderEventPage(*page);
        };
        co_return co_await ReplyWithJson(*deps.pool, std::move(list));
    };
}

}  // namespace nectr::api
