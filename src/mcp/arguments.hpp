#pragma once

// Reading tool arguments. Arguments come from a model: every check returns an error that says
// what to send instead, which the dispatcher hands back as a tool error the model can act on.
// Pure.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::mcp {

// `repo`: "owner/name" (GitHub's characters: letters, digits, '-', '_', '.').
core::Result<std::string> RepositoryArgument(const boost::json::object& args);

// An integer in [min, max]; `fallback` when absent. A whole number sent as a float or a
// numeric string is accepted (some clients send every argument as text).
core::Result<std::int64_t> IntegerArgument(const boost::json::object& args, std::string_view name,
                                           std::int64_t fallback, std::int64_t min,
                                           std::int64_t max);

// A non-empty string of at most `max_bytes`.
core::Result<std::string> StringArgument(const boost::json::object& args, std::string_view name,
                                         std::size_t max_bytes);

// An array of 1..max_items non-empty strings (a single string counts as a list of one).
core::Result<std::vector<std::string>> StringListArgument(const boost::json::object& args,
                                                          std::string_view name,
                                                          std::size_t max_items);

// `since`: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z" (UTC), as Unix milliseconds;
// `fallback_ms` when absent.
core::Result<std::int64_t> SinceArgument(const boost::json::object& args, std::int64_t fallback_ms);

// The Unix milliseconds of an ISO 8601 UTC date or date-time as above; nullopt otherwise.
std::optional<std::int64_t> ParseUtcTime(std::string_view text);

}  // namespace nectr::mcp
