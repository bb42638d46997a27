#pragma once

#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::api {

// Admits a request to the operations API when it carries `Authorization: Bearer <token>` with
// the configured operator token (ADMIN_API_TOKEN). Errors: kForbidden when no token is
// configured (the endpoints stay closed until an operator sets one), kUnauthorized when the
// header is missing, not a bearer token, or a different token. The comparison takes the same
// time wherever the tokens differ. Pure.
core::Result<void> CheckOperatorToken(const http::Request& request, std::string_view configured);

// The error response for a refused request: ErrorResponse plus, for 401, the
// WWW-Authenticate challenge that names the scheme.
http::Response OperatorAuthFailure(const core::Error& error);

}  // namespace nectr::api
