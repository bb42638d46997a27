#pragma once

// The small HTML pages sign-in shows when it cannot finish: a browser lands on them after
// GitHub's redirect, so a JSON error would be a dead end. Pure.
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace nectr::auth {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

// A page with a heading, one explanatory sentence and a link to start sign-in again, with
// `status`. Every text is escaped; the page loads nothing (its Content-Security-Policy
// forbids it) and is not cached.
http::Response SignInErrorPage(int status, std::string_view title, std::string_view message);

}  // namespace nectr::auth
