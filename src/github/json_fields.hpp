#pragma once

// Reading GitHub's JSON: parsing with GitHub's error wording, and its timestamps. Fields are
// read leniently with core's readers, because GitHub omits and nulls fields freely and a
// review must not fail over a missing avatar.
#include <boost/json/fwd.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/json_fields.hpp"

namespace nectr::github {

// The lenient field readers are the project's shared ones (core/json_fields.hpp).
using core::ArrayAt;
using core::BoolAt;
using core::IntAt;
using core::NestedStringAt;
using core::ObjectAt;
using core::OptionalIntAt;
using core::StringAt;
using core::StringsAt;

// Parses `body` as JSON. kUpstream naming `what` when it is not JSON.
core::Result<boost::json::value> ParseJson(std::string_view body, std::string_view what);

// Reads GitHub's timestamps: "2011-01-26T19:01:12Z" (UTC, seconds; fractions and numeric
// offsets such as "+02:00" are accepted too). nullopt when the text is no such timestamp.
std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text);

// The same form back, in UTC: "2011-01-26T19:01:12Z".
std::string FormatTimestamp(std::chrono::system_clock::time_point time);

}  // namespace nectr::github
