#pragma once

// Lenient readers for GitHub's JSON: a field that is missing, null or of another type reads as
// empty, because GitHub omits and nulls fields freely and a review must not fail over a
// missing avatar. Shapes that matter (an object where one is required) are checked by callers.
#include <boost/json/fwd.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::github {

const boost::json::object* ObjectAt(const boost::json::object& parent, std::string_view key);
const boost::json::array* ArrayAt(const boost::json::object& parent, std::string_view key);
std::string StringAt(const boost::json::object& parent, std::string_view key);
std::optional<std::int64_t> OptionalIntAt(const boost::json::object& parent, std::string_view key);
std::int64_t IntAt(const boost::json::object& parent, std::string_view key);
bool BoolAt(const boost::json::object& parent, std::string_view key);
// `parent[outer][inner]` as a string; "" when either is missing.
std::string NestedStringAt(const boost::json::object& parent, std::string_view outer,
                           std::string_view inner);
// The strings of an array field; entries of other types are skipped.
std::vector<std::string> StringsAt(const boost::json::object& parent, std::string_view key);

// Parses `body` as JSON. kUpstream naming `what` when it is not JSON.
core::Result<boost::json::value> ParseJson(std::string_view body, std::string_view what);

// Reads GitHub's timestamps: "2011-01-26T19:01:12Z" (UTC, seconds; fractions and numeric
// offsets such as "+02:00" are accepted too). nullopt when the text is no such timestamp.
std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text);

// The same form back, in UTC: "2011-01-26T19:01:12Z".
std::string FormatTimestamp(std::chrono::system_clock::time_point time);

}  // namespace nectr::github
