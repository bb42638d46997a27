#include "llm/api_error.hpp"

#include <algorithm>
#include <string>

namespace nectr::llm {

core::Errc ErrcForStatus(int status) {
    switch (status) {
        case 400:
        case 422:
            return core::Errc::kInvalidInput;
        case 401:
            return core::Errc::kUnauthorized;
        case 403:
            return core::Errc::kForbidden;
        case 404:
            return core::Errc::kNotFound;
        case 408:
            return core::Errc::kTimeout;
        case 413:
            return core::Errc::kTooLarge;
        case 429:
            return core::Errc::kRateLimited;
        case 503:
        case 529:
            return core::Errc::kUnavailable;
        default:
            return core::Errc::kUpstream;
    }
}

core::Error ApiError(std::string_view provider, int status, std::string_view type,
                     std::string_view message) {
    constexpr std::size_t kMaxMessage = 500;
    std::string detail = std::string(provider) + ": HTTP " + std::to_string(status);
    if (!type.empty()) {
        detail += " ";
        detail += type;
    }
    if (!message.empty()) {
        detail += ": ";
        std::size_t cut = std::min(message.size(), kMaxMessage);
        while (cut < message.size() && cut > 0 &&
               (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) {
            --cut;  // not inside a UTF-8 sequence
        }
        detail += message.substr(0, cut);
        if (message.size() > kMaxMessage) {
            detail += "...";
        }
    }
    if (type.empty() && message.empty()) {
        detail += " (no error message in the response)";
    }
    return core::Error{ErrcForStatus(status), std::move(detail)};
}

}  // namespace nectr::llm
