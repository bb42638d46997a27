#include "core/json_fields.hpp"

#include <boost/json/value.hpp>
#include <cmath>
#include <cstdint>

namespace nectr::core {

namespace json = boost::json;

const json::object* ObjectAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    return value == nullptr ? nullptr : value->if_object();
}

const json::array* ArrayAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    return value == nullptr ? nullptr : value->if_array();
}

std::optional<std::string> OptionalStringAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    const json::string* text = value == nullptr ? nullptr : value->if_string();
    if (text == nullptr) {
        return std::nullopt;
    }
    return std::string(text->data(), text->size());
}

std::string StringAt(const json::object& parent, std::string_view key) {
    return OptionalStringAt(parent, key).value_or("");
}

std::optional<std::int64_t> OptionalIntAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (const std::int64_t* number = value->if_int64()) {
        return *number;
    }
    if (const std::uint64_t* number = value->if_uint64(); number && *number <= INT64_MAX) {
        return static_cast<std::int64_t>(*number);
    }
    // A double only when it holds a whole number that fits: 3.0, not 2.5 or 1e300.
    if (const double* number = value->if_double(); number && std::isfinite(*number) &&
                                                   std::trunc(*number) == *number &&
                                                   std::fabs(*number) < 9e18) {
        return static_cast<std::int64_t>(*number);
    }
    return std::nullopt;
}

std::int64_t IntAt(const json::object& parent, std::string_view key) {
    return OptionalIntAt(parent, key).value_or(0);
}

bool BoolAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    const bool* flag = value == nullptr ? nullptr : value->if_bool();
    return flag != nullptr && *flag;
}

std::string NestedStringAt(const json::object& parent, std::string_view outer,
                           std::string_view inner) {
    const json::object* object = ObjectAt(parent, outer);
    return object == nullptr ? std::string() : StringAt(*object, inner);
}

std::vector<std::string> StringsAt(const json::object& parent, std::string_view key) {
    std::vector<std::string> strings;
    const json::array* array = ArrayAt(parent, key);
    if (array == nullptr) {
        return strings;
    }
    for (const json::value& entry : *array) {
        if (const json::string* text = entry.if_string()) {
            strings.emplace_back(text->data(), text->size());
        }
    }
    return strings;
}

}  // namespace nectr::core
