#include "queue/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace nectr::queue {

std::chrono::milliseconds RetryDelay(std::int64_t attempt, const BackoffPolicy& policy,
                                     double jitter_unit) {
    const double cap = static_cast<double>(std::max<std::int64_t>(policy.max.count(), 0));
    // Past 2^62 every realistic base is beyond the cap anyway; clamping keeps ldexp finite.
    const int exponent = static_cast<int>(std::clamp<std::int64_t>(attempt - 1, 0, 62));
    const double grown = std::ldexp(static_cast<double>(policy.base.count()), exponent);
    const double unit = std::clamp(jitter_unit, 0.0, 1.0);
    const double factor = 1.0 - policy.jitter + 2.0 * policy.jitter * unit;
    const double delay = std::clamp(grown * factor, 0.0, cap);
    return std::chrono::milliseconds(static_cast<std::int64_t>(delay));
}

}  // namespace nectr::queue
