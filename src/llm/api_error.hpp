#pragma once

// Turning a model API's refusal (a non-2xx answer) into a core::Error that names the provider,
// the status and the API's own message, without echoing anything the request carried.
#include <string_view>

#include "core/error.hpp"

namespace nectr::llm {

// 400/422 kInvalidInput, 401 kUnauthorized, 403 kForbidden, 404 kNotFound, 408 kTimeout,
// 413 kTooLarge, 429 kRateLimited, 503/529 kUnavailable, anything else kUpstream.
core::Errc ErrcForStatus(int status);

// "anthropic: HTTP 401 authentication_error: invalid x-api-key". `type` and `message` may be
// empty (a proxy's HTML page has neither); the message is cut at 500 characters.
core::Error ApiError(std::string_view provider, int status, std::string_view type,
                     std::string_view message);

}  // namespace nectr::llm
