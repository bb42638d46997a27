#include "graph/row_reader.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace nectr::graph {
namespace {

const store::Value* ValueAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    if (!column || row >= rows.rows.size() || *column >= rows.rows[row].size()) {
        return nullptr;
    }
    return &rows.rows[row][*column];
}

}  // namespace

std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const store::Value* value = ValueAt(rows, row, name);
    return value == nullptr ? std::nullopt : store::AsText(*value);
}

std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const store::Value* value = ValueAt(rows, row, name);
    return value == nullptr ? std::nullopt : store::AsInt(*value);
}

std::string PathsAsJson(const std::vector<std::string>& paths) {
    boost::json::array array;
    array.reserve(paths.size());
    for (const std::string& path : paths) {
        array.emplace_back(path);
    }
    return boost::json::serialize(array);
}

std::vector<std::string> DistinctPaths(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    out.reserve(paths.size());
    for (const std::string& path : paths) {
        if (!path.empty()) {
            out.push_back(path);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace nectr::graph
