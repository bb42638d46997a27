#pragma once

// GitHub's rate limits, as its REST documentation describes them:
// - primary: 403 or 429 with `x-ratelimit-remaining: 0`; wait until `x-ratelimit-reset`
//   (Unix seconds);
// - secondary: 403 or 429 with `retry-after` (seconds); without it, wait at least a minute.
// A rejected request was not processed, so it may be sent again after the wait whatever its
// method.
#include <chrono>
#include <optional>
#include <string>

#include "http/client.hpp"

namespace nectr::github {

struct RateLimitHit {
    std::chrono::milliseconds wait{0};  // how long GitHub asks the caller to wait
    // When the limit resets; set for the primary limit, and for `retry-after` (now + wait).
    std::optional<std::chrono::system_clock::time_point> reset_at;
    bool secondary = false;
};

// Reads a response: nullopt unless it is a rate-limit rejection. A 403 that is none (no limit
// headers, no "rate limit" in GitHub's message) is an ordinary permission error. `now` is the
// wall-clock time, because `x-ratelimit-reset` is one.
std::optional<RateLimitHit> DetectRateLimit(const http::OutboundResponse& response,
                                            std::chrono::system_clock::time_point now);

// "GitHub's rate limit is exhausted until 2026-01-01T12:00:00Z (in 3540 s)" and the like, for
// the detail of a kRateLimited error.
std::string DescribeRateLimit(const RateLimitHit& hit, std::chrono::system_clock::time_point now);

}  // namespace nectr::github
