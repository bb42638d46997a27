#include "core/time_format.hpp"

#include <fmt/core.h>

#include <ctime>

namespace nectr::core {

std::string FormatUtcMillis(std::int64_t unix_ms) {
    // Floor division, so that -1 ms is 1969-12-31T23:59:59.999Z and not .-01.
    std::int64_t seconds = unix_ms / 1000;
    std::int64_t millis = unix_ms % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    const std::time_t whole = static_cast<std::time_t>(seconds);
    std::tm utc{};
    ::gmtime_r(&whole, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                       utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace nectr::core
