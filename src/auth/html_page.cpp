#include "auth/html_page.hpp"

#include <fmt/core.h>

namespace nectr::auth {

std::string EscapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

http::Response SignInErrorPage(int status, std::string_view title, std::string_view message) {
    const std::string escaped_title = EscapeHtml(title);
    std::string body = fmt::format(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>{0} - Nectr</title></head>\n<body style=\"font-family: sans-serif; "
        "max-width: 36em; margin: 4em auto; padding: 0 1em\">\n<h1>{0}</h1>\n<p>{1}</p>\n"
        "<p><a href=\"/auth/github\">Sign in with GitHub</a></p>\n</body></html>\n",
        escaped_title, EscapeHtml(message));
    http::Response response =
        http::Response::Text(status, std::move(body), "text/html; charset=utf-8");
    response.SetHeader("Cache-Control", "no-store");
    response.SetHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return response;
}

}  // namespace nectr::auth
