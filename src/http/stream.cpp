#include "http/stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <mutex>
#include <optional>

namespace nectr::http {

namespace {
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
}  // namespace

Response StreamingResponse(int status, std::string content_type,
                           std::shared_ptr<ResponseStream> stream) {
    Response response;
    response.status = status;
    response.SetHeader("Content-Type", std::move(content_type));
    response.stream = std::move(stream);
    return response;
}

struct MessageQueue::State {
    std::mutex mutex;
    std::deque<std::string> messages;
    bool closed = false;
    // The timer the waiting coroutine sleeps on, while one waits.
    std::shared_ptr<net::steady_timer> waiter;

    // Called with the mutex held. The timer is touched only on its own executor: the waiter
    // runs there, and a post cannot overtake the wait it follows.
    void Wake() {
        if (!waiter) {
            return;
        }
        std::shared_ptr<net::steady_timer> timer = waiter;
        net::post(timer->get_executor(), [timer] {
            // expires_at rather than cancel: it also ends a wait that begins after this runs.
            timer->expires_at(net::steady_timer::time_point::min());
        });
    }
};

MessageQueue::MessageQueue() : state_(std::make_shared<State>()) {}

MessageQueue::~MessageQueue() = default;

void MessageQueue::Push(std::string message) {
    std::lock_guard lock(state_->mutex);
    if (state_->closed) {
        return;
    }
    state_->messages.push_back(std::move(message));
    state_->Wake();
}

void MessageQueue::Close() {
    std::lock_guard lock(state_->mutex);
    state_->closed = true;
    state_->Wake();
}

bool MessageQueue::IsClosed() const {
    std::lock_guard lock(state_->mutex);
    return state_->closed;
}

net::awaitable<MessageQueue::Popped> MessageQueue::Pop(std::chrono::milliseconds timeout) {
    // Holds the state, so that a queue destroyed by another owner while this waits is safe.
    std::shared_ptr<State> state = state_;
    auto take = [&state]() -> std::optional<Popped> {
        if (!state->messages.empty()) {
            Popped popped{Outcome::kMessage, std::move(state->messages.front())};
            state->messages.pop_front();
            return popped;
        }
        if (state->closed) {
            return Popped{Outcome::kClosed, {}};
        }
        return std::nullopt;
    };
    auto executor = co_await net::this_coro::executor;
    auto timer = std::make_shared<net::steady_timer>(executor, timeout);
    {
        std::lock_guard lock(state->mutex);
        if (std::optional<Popped> ready = take()) {
            co_return std::move(*ready);
        }
        state->waiter = timer;
    }
    auto [ec] = co_await timer->async_wait(kUseTuple);
    (void)ec;  // woken, expired or cancelled: the state says which
    std::lock_guard lock(state->mutex);
    state->waiter.reset();
    if (std::optional<Popped> ready = take()) {
        co_return std::move(*ready);
    }
    co_return Popped{Outcome::kTimeout, {}};
}

}  // namespace nectr::http
