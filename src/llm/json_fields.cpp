#include "llm/json_fields.hpp"

#include <boost/json/parse.hpp>
#include <cmath>

namespace nectr::llm {

const boost::json::value* Field(const boost::json::value& value, std::string_view key) {
    const auto* object = value.if_object();
    if (object == nullptr) {
        return nullptr;
    }
    return object->if_contains(key);
}

std::string StringField(const boost::json::value& value, std::string_view key,
                        std::string_view fallback) {
    const auto* field = Field(value, key);
    if (field == nullptr || !field->is_string()) {
        return std::string(fallback);
    }
    return std::string(field->get_string());
}

std::int64_t IntField(const boost::json::value& value, std::string_view key,
                      std::int64_t fallback) {
    const auto* field = Field(value, key);
    if (field == nullptr) {
        return fallback;
    }
    if (field->is_int64()) {
        return field->get_int64();
    }
    if (field->is_uint64() && field->get_uint64() <= INT64_MAX) {
        return static_cast<std::int64_t>(field->get_uint64());
    }
    if (field->is_double()) {
        double number = field->get_double();
        if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 9e18) {
            return static_cast<std::int64_t>(number);
        }
    }
    return fallback;
}

core::Result<boost::json::value> ParseObject(std::string_view text) {
    boost::json::parse_options options;
    options.max_depth = 256;  // tool schemas and model output nest deeper than the default 32
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec, {}, options);
    if (ec) {
        return core::MakeError(core::Errc::kInvalidInput, "not valid JSON: " + ec.message());
    }
    if (!value.is_object()) {
        return core::MakeError(core::Errc::kInvalidInput, "not a JSON object");
    }
    return value;
}

}  // namespace nectr::llm
