#include "llm/retry.hpp"

#include <algorithm>
#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <cmath>
#include <random>
#include <string_view>
#include <thread>
#include <utility>

#include "core/log.hpp"

namespace nectr::llm {

namespace {

std::optional<double> ParseNonNegative(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0) {
        return std::nullopt;
    }
    return value;
}

std::chrono::milliseconds Millis(double value) {
    // Beyond a day is as good as forever here; the cap keeps the conversion defined.
    constexpr double kDay = 24.0 * 3600 * 1000;
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(std::min(value, kDay))));
}

net::awaitable<void> TimerSleep(std::chrono::milliseconds delay) {
    auto executor = co_await net::this_coro::executor;
    net::steady_timer timer(executor, delay);
    co_await timer.async_wait(net::use_awaitable);
}

double RandomUnit() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

bool IsTransient(const core::Error& error) {
    return error.code == core::Errc::kUnavailable || error.code == core::Errc::kTimeout;
}

}  // namespace

bool IsRetryable(const http::OutboundResponse& response) {
    if (auto should = response.Header("x-should-retry")) {
        if (*should == "true") {
            return true;
        }
        if (*should == "false") {
            return false;
        }
    }
    switch (response.status) {
        case 408:
        case 429:
        case 500:
        case 502:
        case 503:
        case 504:
        case 529:
            return true;
        default:
            return false;
    }
}

std::optional<std::chrono::milliseconds> RetryAfter(const http::OutboundResponse& response) {
    if (auto header = response.Header("retry-after-ms")) {
        if (auto value = ParseNonNegative(*header)) {
            return Millis(*value);
        }
    }
    if (auto header = response.Header("retry-after")) {
        if (auto value = ParseNonNegative(*header)) {
            return Millis(*value * 1000);
        }
    }
    return std::nullopt;
}

std::chrono::milliseconds BackoffDelay(int retry, const RetryPolicy& policy, double jitter_unit) {
    double delay = static_cast<double>(policy.base_delay.count());
    for (int i = 1; i < retry && delay < static_cast<double>(policy.max_delay.count()); ++i) {
        delay *= 2;
    }
    delay = std::min(delay, static_cast<double>(policy.max_delay.count()));
    delay *= 1.0 - policy.jitter * std::clamp(jitter_unit, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<long long>(delay));
}

namespace {

// What to do after attempt number `attempt` ended in `sent`: wait this long and send again,
// or stop (nullopt) and hand `sent` to the caller. Logs the retry or why there is none.
std::optional<std::chrono::milliseconds> NextRetry(const core::Result<http::OutboundResponse>& sent,
                                                   int attempt, const RetryPolicy& policy,
                                                   const std::function<double()>& jitter,
                                                   const std::string& label) {
    if (attempt > policy.max_retries) {
        return std::nullopt;
    }
    std::optional<std::chrono::milliseconds> asked;
    if (sent) {
        if (!IsRetryable(*sent)) {
            return std::nullopt;
        }
        asked = RetryAfter(*sent);
        if (asked && *asked > policy.max_retry_after) {
            NECTR_LOG_WARN("llm.retry_after_too_long", "provider={} status={} retry_after_ms={}",
                           label, sent->status, asked->count());
            return std::nullopt;
        }
    } else if (!IsTransient(sent.error())) {
        return std::nullopt;
    }
    const auto delay = asked ? *asked : BackoffDelay(attempt, policy, jitter());
    std::string why =
        sent ? std::to_string(sent->status) : std::string(core::ErrcName(sent.error().code));
    NECTR_LOG_WARN("llm.retry", "provider={} attempt={} after={} delay_ms={}", label, attempt, why,
                   delay.count());
    return delay;
}

core::Result<Exchange> Finished(core::Result<http::OutboundResponse> sent, int attempt) {
    if (!sent) {
        return sent.error();
    }
    return Exchange{std::move(*sent), attempt};
}

}  // namespace

net::awaitable<core::Result<Exchange>> SendWithRetries(http::Client& client,
                                                       http::OutboundRequest request,
                                                       RetryPolicy policy, RetryHooks hooks,
                                                       std::string label) {
    const Sleeper sleep = hooks.sleep ? hooks.sleep : Sleeper(TimerSleep);
    const std::function<double()> jitter =
        hooks.jitter_unit ? hooks.jitter_unit : std::function<double()>(RandomUnit);
    for (int attempt = 1;; ++attempt) {
        auto sent = co_await http::Send(client, request);
        // An aborted exchange reports kTimeout too; one the caller cancelled is not retried.
        auto cancellation = co_await net::this_coro::cancellation_state;
        if (cancellation.cancelled() != net::cancellation_type::none) {
            co_return Finished(std::move(sent), attempt);
        }
        const auto delay = NextRetry(sent, attempt, policy, jitter, label);
        if (!delay) {
            co_return Finished(std::move(sent), attempt);
        }
        co_await sleep(*delay);
    }
}

core::Result<Exchange> SendBlockingWithRetries(http::Client& client,
                                               const http::OutboundRequest& request,
                                               RetryPolicy policy, std::string label) {
    for (int attempt = 1;; ++attempt) {
        auto sent = http::SendBlocking(client, request);
        const auto delay = NextRetry(sent, attempt, policy, RandomUnit, label);
        if (!delay) {
            return Finished(std::move(sent), attempt);
        }
        std::this_thread::sleep_for(*delay);
    }
}

}  // namespace nectr::llm
