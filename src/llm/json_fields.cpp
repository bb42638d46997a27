#include "llm/json_fields.hpp"

#include <boost/json/parse.hpp>

#include "core/json_fields.hpp"

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
    return core::StringAt(value.get_object(), key);
}

std::int64_t IntField(const boost::json::value& value, std::string_view key,
                      std::int64_t fallback) {
    const auto* object = value.if_object();
    return object == nullptr ? fallback : core::OptionalIntAt(*object, key).value_or(fallback);
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
