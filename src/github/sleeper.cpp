#include "github/sleeper.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nectr::github {

Sleeper MakeTimerSleeper() {
    return [](std::chrono::milliseconds duration) -> net::awaitable<void> {
        auto executor = co_await net::this_coro::executor;
        net::steady_timer timer(executor, duration);
        // A cancelled wait ends the sleep; the caller's next operation sees the cancellation.
        auto wait = timer.async_wait(net::as_tuple(net::use_awaitable));
        co_await std::move(wait);
    };
}

}  // namespace nectr::github
