#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/clock.hpp"

namespace nectr::queue {

// A clock that stands still until the test moves it. Thread-safe: workers read it from the
// blocking pool while the test advances it.
class FakeClock final : public core::Clock {
public:
    static constexpr std::int64_t kStartMs = 1'700'000'000'000;  // 2023-11-14

    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
    }

    std::int64_t NowMs() const { return now_ms_.load(); }
    void Advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }
    void SetMs(std::int64_t now_ms) { now_ms_ = now_ms; }

private:
    std::atomic<std::int64_t> now_ms_{kStartMs};
};

}  // namespace nectr::queue
