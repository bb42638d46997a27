#pragma once

// Retries of a model API call: which answers are worth another try, how long to wait before
// it, and the loop that does both. Both providers and the embeddings service share it; their
// retry rules are the same.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/client.hpp"

namespace nectr::llm {

namespace net = boost::asio;

struct RetryPolicy {
    int max_retries = 2;  // exchanges after the first; 0 sends once
    std::chrono::milliseconds base_delay{500};
    std::chrono::milliseconds max_delay{8000};
    // A server that asks for a longer wait (retry-after) ends the call with its answer instead:
    // a review should not sit for an hour on a spent quota.
    std::chrono::milliseconds max_retry_after{60 * 1000};
    double jitter = 0.25;  // the delay is scaled by a factor in [1 - jitter, 1]
};

// Waits for a duration. The default uses an Asio timer on the awaiting coroutine's executor;
// tests hand in one that records the delay and returns at once.
using Sleeper = std::function<net::awaitable<void>(std::chrono::milliseconds)>;

struct RetryHooks {
    Sleeper sleep;                        // empty: a steady timer
    std::function<double()> jitter_unit;  // in [0, 1); empty: a per-thread random generator
};

// True for answers that may succeed when sent again: 408, 429, 500, 502, 503, 504 and 529
// (Anthropic's "overloaded"). An `x-should-retry: true|false` header overrides the status.
bool IsRetryable(const http::OutboundResponse& response);

// The wait a response asks for: `retry-after-ms` (milliseconds) or `retry-after` (seconds,
// fractions allowed). nullopt when absent or not a number (HTTP dates are not supported:
// the model APIs send seconds).
std::optional<std::chrono::milliseconds> RetryAfter(const http::OutboundResponse& response);

// The delay before retry number `retry` (1 for the first): base * 2^(retry-1) capped at max,
// then scaled down by up to `jitter` as `jitter_unit` (in [0, 1)) says.
std::chrono::milliseconds BackoffDelay(int retry, const RetryPolicy& policy, double jitter_unit);

struct Exchange {
    http::OutboundResponse response;  // the last one, which may be an error status
    int attempts = 0;
};

// Sends `request`, and again after a wait while the answer is retryable (see IsRetryable) or
// the exchange failed with kUnavailable or kTimeout, at most policy.max_retries more times.
// The wait is the server's retry-after when it gives one, otherwise BackoffDelay. Returns
// the last response whatever its status, or the last transport error; `label` names the
// provider in logs. Cancelling the awaiting coroutine aborts the request or the wait and ends
// the call without another try.
net::awaitable<core::Result<Exchange>> SendWithRetries(http::Client& client,
                                                       http::OutboundRequest request,
                                                       RetryPolicy policy, RetryHooks hooks,
                                                       std::string label);

// SendWithRetries for a caller off the event loop (http::SendBlocking; the waits sleep the
// calling thread), with the same rules and logs.
core::Result<Exchange> SendBlockingWithRetries(http::Client& client,
                                               const http::OutboundRequest& request,
                                               RetryPolicy policy, std::string label);

}  // namespace nectr::llm
