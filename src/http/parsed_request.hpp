#pragma once

// Nectr's Request from a message Beast parsed: the server builds every request this way, and
// the HTTP fuzz target does the same to reach the router as the server would.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/message.hpp"
#include "http/request_parts.hpp"

namespace nectr::http {

// Moves the method, target, headers (names as received) and body out of `message`; `target`
// is the message's target already split and percent-decoded (ParseTarget).
Request MakeRequest(boost::beast::http::request<boost::beast::http::string_body> message,
                    Target target);

}  // namespace nectr::http
