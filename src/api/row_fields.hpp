#pragma once

// Reading the columns of a result row by name, so that a query can reorder its columns
// without breaking its reader. A missing column reads as NULL. Pure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/value.hpp"

namespace nectr::api {

std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name);
std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name);
std::optional<double> DoubleAt(const store::Rows& rows, std::size_t row, std::string_view name);

}  // namespace nectr::api
