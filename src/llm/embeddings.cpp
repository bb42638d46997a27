#include "llm/embeddings.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

#include "llm/api_error.hpp"
#include "llm/json_fields.hpp"

namespace nectr::llm {

namespace json = boost::json;

namespace {

constexpr std::string_view kProvider = "embeddings";

core::Error Malformed(const std::string& why) {
    return core::MakeError(core::Errc::kUpstream, "embeddings: the response " + why);
}

// The floats of one "embedding" array; nullopt when it is empty or holds a non-number.
std::optional<std::vector<float>> ReadVector(const json::value* embedding) {
    if (embedding == nullptr || !embedding->is_array() || embedding->get_array().empty()) {
        return std::nullopt;
    }
    std::vector<float> values;
    values.reserve(embedding->get_array().size());
    for (const json::value& number : embedding->get_array()) {
        if (number.is_double()) {
            values.push_back(static_cast<float>(number.get_double()));
        } else if (number.is_int64()) {
            values.push_back(static_cast<float>(number.get_int64()));
        } else if (number.is_uint64()) {
            values.push_back(static_cast<float>(number.get_uint64()));
        } else {
            return std::nullopt;
        }
    }
    return values;
}

}  // namespace

std::string EncodeEmbeddingsRequest(std::string_view model, const std::vector<std::string>& texts) {
    json::array input;
    input.reserve(texts.size());
    for (const std::string& text : texts) {
        input.emplace_back(text);
    }
    return json::serialize(
        json::object{{"model", model}, {"input", std::move(input)}, {"encoding_format", "float"}});
}

http::OutboundRequest MakeEmbeddingsRequest(const EmbeddingsEndpoint& endpoint,
                                            const std::vector<std::string>& texts) {
    http::OutboundRequest request;
    request.method = "POST";
    request.url = endpoint.base_url + "/embeddings";
    request.headers.push_back({"content-type", "application/json"});
    if (!endpoint.api_key.empty()) {
        request.headers.push_back({"authorization", "Bearer " + endpoint.api_key});
    }
    request.body = EncodeEmbeddingsRequest(endpoint.model, texts);
    request.timeout = endpoint.timeout;
    return request;
}

core::Result<Vectors> DecodeEmbeddingsResponse(std::string_view body, std::size_t expected) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return Malformed("is " + parsed.error().detail);
    }
    const json::value* data = Field(*parsed, "data");
    if (data == nullptr || !data->is_array()) {
        return Malformed("has no \"data\" array");
    }
    const json::array& items = data->get_array();
    if (items.size() != expected) {
        return Malformed("holds " + std::to_string(items.size()) + " vectors for " +
                         std::to_string(expected) + " texts");
    }
    Vectors vectors(expected);
    for (std::size_t position = 0; position < items.size(); ++position) {
        const std::int64_t index = IntField(items[position], "index", -1);
        if (index < 0 || static_cast<std::size_t>(index) >= expected) {
            return Malformed("has an item without a valid \"index\" (" + std::to_string(index) +
                             ")");
        }
        std::vector<float>& slot = vectors[static_cast<std::size_t>(index)];
        if (!slot.empty()) {
            return Malformed("repeats index " + std::to_string(index));
        }
        auto vector = ReadVector(Field(items[position], "embedding"));
        if (!vector) {
            return Malformed("has no usable \"embedding\" at index " + std::to_string(index) +
                             " (a float array is expected: encoding_format \"float\")");
        }
        slot = std::move(*vector);
    }
    for (const auto& vector : vectors) {
        if (vector.size() != vectors.front().size()) {
            return Malformed("mixes dimensions " + std::to_string(vectors.front().size()) +
                             " and " + std::to_string(vector.size()));
        }
    }
    return vectors;
}

core::Error DecodeEmbeddingsError(int status, std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return ApiError(kProvider, status, "", "");
    }
    const json::value* error = Field(*parsed, "error");
    if (error != nullptr && error->is_string()) {
        return ApiError(kProvider, status, "", std::string(error->get_string()));
    }
    if (error == nullptr) {
        return ApiError(kProvider, status, "", StringField(*parsed, "message"));
    }
    std::string type = StringField(*error, "type");
    if (type.empty()) {
        type = StringField(*error, "code");
    }
    return ApiError(kProvider, status, type, StringField(*error, "message"));
}

core::Result<Vectors> ReadEmbeddingsResponse(const http::OutboundResponse& response,
                                             std::size_t expected) {
    if (response.status < 200 || response.status > 299) {
        return DecodeEmbeddingsError(response.status, response.body);
    }
    return DecodeEmbeddingsResponse(response.body, expected);
}

std::string_view TruncateUtf8Bytes(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t cut = max_bytes;
    // Back over continuation bytes (10xxxxxx) to the start of the cut sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return text.substr(0, cut);
}

}  // namespace nectr::llm
