#pragma once

// The cookies of sign-in: reading one from a request's Cookie header, and the Set-Cookie
// values that set and clear them. Pure.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace nectr::auth {

// The browser session (a JWT): every path, so that the dashboard's API calls carry it.
inline constexpr std::string_view kSessionCookie = "nectr_session";
// Ties a sign-in's callback to the browser that started it (see oauth_flow.hpp).
inline constexpr std::string_view kStateCookie = "nectr_oauth_state";
inline constexpr std::string_view kStateCookiePath = "/auth/github";

struct CookieOptions {
    std::string path = "/";
    std::chrono::seconds max_age{0};  // 0 with an empty value: delete the cookie
    bool secure = false;              // SESSION_COOKIE_SECURE: only over HTTPS
};

// The value of cookie `name` in the request's Cookie header(s); nullopt when absent. When a
// name appears twice (a cookie set for two paths) the first wins, as browsers send the more
// specific path first.
std::optional<std::string> FindCookie(const http::Request& request, std::string_view name);

// "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Lax[; Secure]". HttpOnly keeps scripts
// (and so injected ones) away from it; SameSite=Lax keeps other sites' forms and fetches from
// sending it, while a link or GitHub's redirect back still does.
std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options);
// The Set-Cookie value that makes a browser drop the cookie (same path, Max-Age=0).
std::string ClearCookieValue(std::string_view name, const CookieOptions& options);

// Adds a Set-Cookie header; unlike Response::SetHeader it keeps the ones already there, since
// a response may set several cookies.
void AddSetCookie(http::Response& response, std::string value);

}  // namespace nectr::auth
