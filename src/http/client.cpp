#include "http/client.hpp"

#include <strings.h>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <optional>

namespace nectr::http {

std::optional<std::string_view> OutboundResponse::Header(std::string_view name) const {
    for (const auto& header : headers) {
        if (header.name.size() == name.size() &&
            strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
            return std::string_view(header.value);
        }
    }
    return std::nullopt;
}

namespace {

using Outcome = core::Result<OutboundResponse>;

// Holds the awaiting coroutine's completion handler until the client's thread reports; the
// handler then runs on its own executor, with the cancellation hook removed first.
template <typename Handler>
class PendingSend {
public:
    explicit PendingSend(Handler handler)
        : handler_(std::move(handler)),
          work_(net::make_work_guard(net::get_associated_executor(handler_))) {}

    // Runs the handler on its executor; `self` keeps this alive until then.
    static void Complete(std::shared_ptr<PendingSend> self, Outcome outcome) {
        auto executor = self->work_.get_executor();
        // post() wakes the I/O thread before it is done with the context, and the handler
        // drops work_ there: without a guard of the client's own thread until post() has
        // returned, run() could end and the context be destroyed while post() still signals
        // it (ThreadSanitizer: a race on the scheduler's condition variable).
        auto posting = net::make_work_guard(executor);
        net::post(executor, [self = std::move(self), outcome = std::move(outcome)]() mutable {
            net::get_associated_cancellation_slot(self->handler_).clear();
            auto handler = std::move(self->handler_);
            self->work_.reset();
            std::move(handler)(std::move(outcome));
        });
    }

    Handler& handler() { return handler_; }

private:
    Handler handler_;
    net::executor_work_guard<net::associated_executor_t<Handler>> work_;
};

}  // namespace

net::awaitable<core::Result<OutboundResponse>> Send(Client& client, OutboundRequest request) {
    auto initiate = [&client, &request](auto handler) {
        using Handler = decltype(handler);
        auto pending = std::make_shared<PendingSend<Handler>>(std::move(handler));
        auto slot = net::get_associated_cancellation_slot(pending->handler());
        const Client::RequestId id = client.Start(std::move(request), [pending](Outcome outcome) {
            PendingSend<Handler>::Complete(pending, std::move(outcome));
        });
        if (slot.is_connected()) {
            slot.assign([&client, id](net::cancellation_type) { client.Abort(id); });
        }
    };
    auto outcome = co_await net::async_initiate<const net::use_awaitable_t<>&, void(Outcome)>(
        initiate, net::use_awaitable);
    co_return outcome;
}

core::Result<OutboundResponse> SendBlocking(Client& client, OutboundRequest request) {
    std::promise<Outcome> promise;
    auto future = promise.get_future();
    client.Start(std::move(request),
                 [&promise](Outcome outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

}  // namespace nectr::http
