#pragma once

#include <cstdint>
#include <string>

namespace nectr::core {

// An ISO 8601 timestamp in UTC with milliseconds, "2024-05-01T12:34:56.789Z", for the Unix
// milliseconds the store keeps. Times before 1970 print as they are (negative years never
// occur: nothing stored predates Nectr). Pure.
std::string FormatUtcMillis(std::int64_t unix_ms);

}  // namespace nectr::core
