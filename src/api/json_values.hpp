#pragma once

// JSON values for optional columns: the read API writes null for what the store has not.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/time_format.hpp"

namespace nectr::api {

inline boost::json::value JsonOrNull(const std::optional<std::string>& text) {
    return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

inline boost::json::value JsonOrNull(const std::optional<std::int64_t>& number) {
    return number ? boost::json::value(*number) : boost::json::value(nullptr);
}

// An ISO 8601 UTC time for Unix milliseconds, or null.
inline boost::json::value JsonTimeOrNull(const std::optional<std::int64_t>& unix_ms) {
    return unix_ms ? boost::json::value(core::FormatUtcMillis(*unix_ms))
                   : boost::json::value(nullptr);
}

}  // namespace nectr::api
