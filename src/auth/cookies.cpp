#include "auth/cookies.hpp"

#include <fmt/core.h>

#include "core/text.hpp"

namespace nectr::auth {
namespace {

std::optional<std::string> FindInHeader(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const std::size_t end = header.find(';');
        const std::string_view pair = core::TrimBlanks(header.substr(0, end));
        header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && core::TrimBlanks(pair.substr(0, equals)) == name) {
            std::string_view value = core::TrimBlanks(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return std::string(value);
        }
    }
    return std::nullopt;
}

bool IsCookieHeader(std::string_view name) {
    constexpr std::string_view kCookie = "cookie";
    if (name.size() != kCookie.size()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c =
            name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] - 'A' + 'a') : name[i];
        if (c != kCookie[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> FindCookie(const http::Request& request, std::string_view name) {
    for (const http::Header& header : request.headers) {
        if (!IsCookieHeader(header.name)) {
            continue;
        }
        if (auto value = FindInHeader(header.value, name)) {
            return value;
        }
    }
    return std::nullopt;
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
    return fmt::format("{}={}; Path={}; Max-Age={}; HttpOnly; SameSite=Lax{}", name, value,
                       options.path, options.max_age.count(), options.secure ? "; Secure" : "");
}

std::string ClearCookieValue(std::string_view name, const CookieOptions& options) {
    CookieOptions cleared = options;
    cleared.max_age = std::chrono::seconds(0);
    return SetCookieValue(name, "", cleared);
}

void AddSetCookie(http::Response& response, std::string value) {
    response.headers.push_back({"Set-Cookie", std::move(value)});
}

}  // namespace nectr::auth
