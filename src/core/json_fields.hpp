#pragma once

// Lenient readers for JSON from outside (GitHub, model APIs, model answers, job payloads): a
// field that is missing, null or of another type reads as empty or absent, so that callers
// check only the shapes that matter to them.
#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::core {

const boost::json::object* ObjectAt(const boost::json::object& parent, std::string_view key);
const boost::json::array* ArrayAt(const boost::json::object& parent, std::string_view key);
std::string StringAt(const boost::json::object& parent, std::string_view key);
// The string, or nullopt when missing, null or not a string ("" is a value here).
std::optional<std::string> OptionalStringAt(const boost::json::object& parent,
                                            std::string_view key);
std::optional<std::int64_t> OptionalIntAt(const boost::json::object& parent, std::string_view key);
std::int64_t IntAt(const boost::json::object& parent, std::string_view key);
bool BoolAt(const boost::json::object& parent, std::string_view key);
// `parent[outer][inner]` as a string; "" when either is missing.
std::string NestedStringAt(const boost::json::object& parent, std::string_view outer,
                           std::string_view inner);
// The strings of an array field; entries of other types are skipped.
std::vector<std::string> StringsAt(const boost::json::object& parent, std::string_view key);

}  // namespace nectr::core
