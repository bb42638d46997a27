#include "auth/store_rows.hpp"

namespace nectr::auth {

std::optional<std::string> TextAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column && row < rows.rows.size() ? store::AsText(rows.rows[row][*column]) : std::nullopt;
}

std::optional<std::int64_t> IntAt(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column && row < rows.rows.size() ? store::AsInt(rows.rows[row][*column]) : std::nullopt;
}

core::Error StoreFailure(const core::Error& error) {
    if (error.code == core::Errc::kUnavailable) {
        return error;
    }
    return core::MakeError(core::Errc::kUnavailable, "the database failed: " + error.detail);
}

store::Value IntOrNull(const std::optional<std::int64_t>& value) {
    return value ? store::Value(*value) : store::Null();
}

store::Value TextOrNull(const std::string& value) {
    return value.empty() ? store::Null() : store::Value(value);
}

}  // namespace nectr::auth
