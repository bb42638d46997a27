#pragma once

// Lenient reads of fields from a parsed JSON response: a missing or mistyped field gives the
// fallback instead of an exception, because servers that claim compatibility differ in detail.
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::llm {

// The member `key` of `object` when `value` is an object and has it; nullptr otherwise.
const boost::json::value* Field(const boost::json::value& value, std::string_view key);

std::string StringField(const boost::json::value& value, std::string_view key,
                        std::string_view fallback = "");
// Integers, and doubles that hold a whole number; `fallback` for anything else.
std::int64_t IntField(const boost::json::value& value, std::string_view key,
                      std::int64_t fallback = 0);

// Parses text that must be a JSON object; kInvalidInput with the parser's reason otherwise.
core::Result<boost::json::value> ParseObject(std::string_view text);

}  // namespace nectr::llm
