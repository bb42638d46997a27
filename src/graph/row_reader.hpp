#pragma once

// Reading result columns by name for the graph's queries, and the JSON form in which a list of
// paths travels as one query parameter. Pure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/value.hpp"

namespace nectr::graph {

// The column `name` of row `row`; a missing column or NULL reads as nullopt.
std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name);
std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name);

// A JSON array of strings, as the queries that take a list of paths expect it (json_each on
// SQLite, json_array_elements_text on PostgreSQL).
std::string PathsAsJson(const std::vector<std::string>& paths);

// The paths without empty entries and repeats, sorted: every query answers the same for the
// same set.
std::vector<std::string> DistinctPaths(const std::vector<std::string>& paths);

}  // namespace nectr::graph
