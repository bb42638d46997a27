#pragma once

#include <chrono>
#include <cstdint>

namespace nectr::core {

// The seam for time: production code asks a Clock, tests hand in one they control.
class Clock {
public:
    virtual ~Clock() = default;
    // Wall-clock time, for timestamps that are stored or shown.
    virtual std::chrono::system_clock::time_point Now() const = 0;
    // Monotonic time, for durations and deadlines.
    virtual std::chrono::steady_clock::time_point Steady() const = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::now();
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
};

// Milliseconds since the Unix epoch: the form every `*_at` column stores on both engines.
inline std::int64_t ToUnixMillis(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace nectr::core
