#include "auth/token_requests.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "core/time_format.hpp"

namespace nectr::auth {
namespace {

namespace json = boost::json;
using core::Errc;

core::Error Invalid(std::string detail) {
    return core::MakeError(Errc::kInvalidInput, std::move(detail));
}

std::string_view TrimSpaces(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Boost.JSON has checked the UTF-8 already: counting the bytes that start a character
// counts characters.
std::size_t CountCharacters(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

bool HasControlCharacters(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            return true;
        }
    }
    return false;
}

core::Result<std::string> ReadName(const json::object& object) {
    const json::value* name = object.if_contains("name");
    if (name == nullptr || !name->is_string()) {
        return Invalid("name is required: a string of 1 to 100 characters");
    }
    const std::string_view trimmed = TrimSpaces(name->get_string());
    if (trimmed.empty() || CountCharacters(trimmed) > kMaxTokenNameChars) {
        return Invalid("name must have 1 to 100 characters");
    }
    if (HasControlCharacters(trimmed)) {
        return Invalid("name must not contain control characters");
    }
    return std::string(trimmed);
}

core::Result<std::optional<int>> ReadDays(const json::object& object) {
    const json::value* days = object.if_contains("expires_in_days");
    if (days == nullptr || days->is_null()) {
        return std::optional<int>();
    }
    std::int64_t value = 0;
    if (days->is_int64()) {
        value = days->get_int64();
    } else if (days->is_uint64()) {
        value = kMaxTokenDays + 1;
    } else {
        return Invalid("expires_in_days must be a whole number of days, or null for no expiry");
    }
    if (value < 1 || value > kMaxTokenDays) {
        return Invalid("expires_in_days must be between 1 and 365");
    }
    return std::optional<int>(static_cast<int>(value));
}

json::value TimeOrNull(const std::optional<std::int64_t>& unix_ms) {
    return unix_ms ? json::value(core::FormatUtcMillis(*unix_ms)) : json::value(nullptr);
}

json::object TokenObject(const ApiTokenInfo& token) {
    return json::object{{"id", token.id},
                        {"name", token.name},
                        {"prefix", token.prefix},
                        {"created_at", core::FormatUtcMillis(token.created_at_ms)},
                        {"last_used_at", TimeOrNull(token.last_used_at_ms)},
                        {"expires_at", TimeOrNull(token.expires_at_ms)},
                        {"revoked", token.revoked_at_ms.has_value()}};
}

}  // namespace

core::Result<NewTokenRequest> ParseNewTokenRequest(std::string_view body) {
    boost::system::error_code ec;
    const json::value parsed = json::parse(body, ec);
    if (ec || !parsed.is_object()) {
        return Invalid("the body must be a JSON object: {\"name\": ..., \"expires_in_days\": ...}");
    }
    core::Result<std::string> name = ReadName(parsed.get_object());
    if (!name) {
        return name.error();
    }
    core::Result<std::optional<int>> days = ReadDays(parsed.get_object());
    if (!days) {
        return days.error();
    }
    return NewTokenRequest{std::move(*name), *days};
}

std::optional<std::int64_t> ParseTokenId(std::string_view text) {
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data(), end, id);
    if (text.empty() || ec != std::errc() || stop != end || id <= 0 || text.front() == '+') {
        return std::nullopt;
    }
    return id;
}

std::string RenderTokenList(const std::vector<ApiTokenInfo>& tokens) {
    json::array list;
    list.reserve(tokens.size());
    for (const ApiTokenInfo& token : tokens) {
        list.push_back(TokenObject(token));
    }
    return json::serialize(json::object{{"tokens", std::move(list)}});
}

std::string RenderNewToken(const ApiTokenInfo& info, std::string_view token) {
    json::object object = TokenObject(info);
    object["token"] = token;
    return json::serialize(object);
}

}  // namespace nectr::auth
