#include "api/row_fields.hpp"

namespace nectr::api {
namespace {

const store::Value* Cell(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? &rows.rows[row][*column] : nullptr;
}

}  // namespace

std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const store::Value* cell = Cell(rows, row, name);
    return cell != nullptr ? store::AsText(*cell) : std::nullopt;
}

std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const store::Value* cell = Cell(rows, row, name);
    return cell != nullptr ? store::AsInt(*cell) : std::nullopt;
}

std::optional<double> DoubleAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const store::Value* cell = Cell(rows, row, name);
    return cell != nullptr ? store::AsDouble(*cell) : std::nullopt;
}

}  // namespace nectr::api
