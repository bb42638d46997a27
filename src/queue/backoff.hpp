#pragma once

#include <chrono>
#include <cstdint>

namespace nectr::queue {

// How long a failed job waits before its next attempt.
struct BackoffPolicy {
    std::chrono::milliseconds base{5000};           // after the first failed attempt
    std::chrono::milliseconds max{15 * 60 * 1000};  // never longer than this
    double jitter = 0.2;  // spread of +-20%, so that jobs that failed together retry apart
};

// The delay after failed attempt number `attempt` (1 for the first): base * 2^(attempt-1),
// scaled by a factor in [1 - jitter, 1 + jitter) that `jitter_unit` (in [0, 1)) picks, then
// capped at max. Pure: the caller supplies the randomness, so tests can pin it.
std::chrono::milliseconds RetryDelay(std::int64_t attempt, const BackoffPolicy& policy,
                                     double jitter_unit);

}  // namespace nectr::queue
