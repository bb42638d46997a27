#pragma once

// Reading the auth module's rows, and what a failed statement means to its callers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/value.hpp"

namespace nectr::auth {

// Column `name` of row `row` as text or integer; nullopt when NULL or not in the result.
std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name);
std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name);

// A store error as this module reports it: kUnavailable (503), whatever the driver said,
// since no input of the caller's can make these statements fail.
core::Error StoreFailure(const core::Error& error);

// An optional integer as a parameter: NULL when absent.
store::Value IntOrNull(const std::optional<std::int64_t>& value);
// A text as a parameter: NULL when empty.
store::Value TextOrNull(const std::string& value);

}  // namespace nectr::auth
