#include "store/value.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <system_error>

namespace nectr::store {
namespace {

template <typename T>
std::optional<T> ParseWhole(std::string_view text) {
    T out{};
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

std::optional<std::size_t> Rows::ColumnIndex(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == name) {
            return i;
        }
    }
    return std::nullopt;
}

bool IsNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

std::optional<std::int64_t> InsertedId(const Rows& rows) {
    if (!rows.empty() && !rows.rows.front().empty()) {
        return AsInt(rows.rows.front().front());
    }
    if (rows.affected_rows > 0) {
        return rows.inserted_rowid;
    }
    return std::nullopt;
}

std::optional<std::int64_t> AsInt(const Value& value) {
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        return *integer;
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        return ParseWhole<std::int64_t>(*text);
    }
    if (const auto* real = std::get_if<double>(&value)) {
        // Only a whole number that fits: 2.0 is 2, 2.5 is not an integer.
        constexpr double kLimit = 9223372036854775808.0;  // 2^63
        if (std::isfinite(*real) && std::trunc(*real) == *real && *real >= -kLimit &&
            *real < kLimit) {
            return static_cast<std::int64_t>(*real);
        }
    }
    return std::nullopt;
}

std::optional<std::string> AsText(const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* blob = std::get_if<Blob>(&value)) {
        return blob->bytes;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*integer);
    }
    if (const auto* real = std::get_if<double>(&value)) {
        return fmt::format("{}", *real);  // shortest form that reads back to the same double
    }
    return std::nullopt;
}

std::optional<double> AsDouble(const Value& value) {
    if (const auto* real = std::get_if<double>(&value)) {
        return *real;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*integer);
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        return ParseWhole<double>(*text);
    }
    return std::nullopt;
}

}  // namespace nectr::store
