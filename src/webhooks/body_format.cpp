#include "webhooks/body_format.hpp"

#include <algorithm>
#include <cctype>

namespace nectr::webhooks {
namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(kWhitespace);
    return text.substr(first, last - first + 1);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    const int lower = std::tolower(static_cast<unsigned char>(c));
    if (lower >= 'a' && lower <= 'f') {
        return lower - 'a' + 10;
    }
    return -1;
}

core::Result<std::string> PercentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
            continue;
        }
        if (c != '%') {
            out.push_back(c);
            continue;
        }
        const int high = i + 1 < text.size() ? HexDigit(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            return core::MakeError(
                core::Errc::kInvalidInput,
                "the form body has a broken %-escape at offset " + std::to_string(i));
        }
        out.push_back(static_cast<char>((high << 4) | low));
        i += 2;
    }
    return out;
}

}  // namespace

core::Result<BodyFormat> ClassifyContentType(std::string_view content_type) {
    const std::string_view media_type = Trim(content_type.substr(0, content_type.find(';')));
    if (EqualsIgnoringCase(media_type, "application/json")) {
        return BodyFormat::kJson;
    }
    if (EqualsIgnoringCase(media_type, "application/x-www-form-urlencoded")) {
        return BodyFormat::kForm;
    }
    // The header is the sender's text; quote only a bounded prefix of it.
    constexpr std::size_t kQuoteLimit = 80;
    std::string shown(media_type.substr(0, kQuoteLimit));
    for (char& c : shown) {
        if (std::iscntrl(static_cast<unsigned char>(c)) != 0) {
            c = '?';
        }
    }
    return core::MakeError(core::Errc::kUnsupportedMediaType,
                           media_type.empty()
                               ? "the request has no Content-Type; GitHub sends application/json "
                                 "or application/x-www-form-urlencoded"
                               : "Content-Type '" + shown +
                                     "' is not application/json or "
                                     "application/x-www-form-urlencoded");
}

core::Result<std::string> FormPayload(std::string_view body) {
    std::size_t start = 0;
    while (start <= body.size()) {
        const std::size_t end = std::min(body.find('&', start), body.size());
        const std::string_view field = body.substr(start, end - start);
        const std::size_t equals = field.find('=');
        // Field names GitHub sends need no decoding; compare the raw name.
        if (equals != std::string_view::npos && field.substr(0, equals) == "payload") {
            return PercentDecode(field.substr(equals + 1));
        }
        start = end + 1;
    }
    return core::MakeError(core::Errc::kInvalidInput,
                           "the form body has no 'payload' field; GitHub puts the JSON there");
}

}  // namespace nectr::webhooks
