#pragma once

// Readers for the query parameters the read API shares: repository names, page limits and
// cursors. Each returns kInvalidInput with a message that names the parameter. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::api {

// A query parameter, with an empty value read as absent.
std::optional<std::string> NonEmptyParam(const http::Request& request, std::string_view name);

// kInvalidInput carrying `message`.
core::Error BadParameter(std::string message);

// True for "owner/name" within GitHub's limits (owner up to 39 characters, name up to 100,
// letters, digits, '-', '_' and '.').
bool IsRepositoryName(std::string_view text);

// ?repo=: empty when absent, else a repository's full name.
core::Result<std::string> ParseRepositoryParam(const http::Request& request);

// ?limit=: `fallback` when absent, else a number from 1 to `max`.
core::Result<std::int64_t> ParseLimitParam(const http::Request& request, std::int64_t fallback,
                                           std::int64_t max);

// ?cursor=: nullopt when absent, else the id a next_cursor of this API carries.
core::Result<std::optional<std::int64_t>> ParseCursorParam(const http::Request& request);

// A positive decimal id as it appears in a path ("42"); nullopt for anything else (signs,
// leading zeros, spaces, values beyond int64).
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

}  // namespace nectr::api
