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

net::awaitable<core::Result<Exchange>> SendWithRetries(http::Client& client,
                                                       http::OutboundRequest request,
                                                       RetryPolicy policy, RetryHooks hooks,
                                                       std::string label) {
    const Sleeper sleep = hooks.sleep ? hooks.sleep : Sleeper(TimerSleep);
    const std::function<double()> jitter =
        hooks.jitter_unit ? hooks.jitter_unit : std::function<double()>(RandomUnit);
    for (int attempt = 1;; ++attempt) {
        auto sent = co_await http::Send(client, request);
        const bool last = attempt > policy.max_retries;
        std::optional<std::chrono::milliseconds> asked;
        if (sent) {
            if (last || !IsRetryable(*sent)) {
                co_return Exchange{std::move(*sent), attempt};
            }
            asked = RetryAfter(*sent);
            if (asked && *asked > policy.max_retry_after) {
                NECTR_LOG_WARN("llm.retry_after_too_long",
                               "provider={} status={} retry_after_ms={}", label, sent->status,
                               asked->count());
                co_return Exchange{std::move(*sent), attempt};
            }
        } else if (last || !IsTransient(sent.error())) {
            co_return sent.error();
        }
        // An aborted exchange reports kTimeout too; one the caller cancelled is not retried.
        auto cancellation = co_await net::this_coro::cancellation_state;
        if (cancellation.cancelled() != net::cancellation_type::none) {
            if (sent) {
                co_return Exchange{std::move(*sent), attempt};
            }
            co_return sent.error();
        }
        const auto delay = asked ? *asked : BackoffDelay(attempt, policy, jitter());
        std::string why =
            sent ? std::to_string(sent->status) : std::string(core::ErrcName(sent.error().code));
        NECTR_LOG_WARN("llm.retry", "provider={} attempt={} after={} delay_ms={}", label, attempt,
                       why, delay.count());
        co_await sleep(delay);
    }
}

}  // namespace nectr::llm
