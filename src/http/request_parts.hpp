#pragma once

// The pieces of an incoming request that the server checks before routing. Pure functions,
// so they are tested without a socket.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::http {

struct Target {
    std::string path;   // percent-decoded, starts with '/'
    std::string query;  // raw (still encoded), without '?'; empty when absent
};

// Splits a request target in origin form ("/a%20b?x=1") or absolute form
// ("http://host/a?x=1") into its decoded path and raw query. Returns kInvalidInput for
// anything else ("*", a bad percent-escape, a path that decodes to a NUL byte).
core::Result<Target> ParseTarget(std::string_view target);

inline constexpr std::size_t kMaxRequestIdLength = 128;

// True when a client's X-Request-Id is safe to echo and log: 1..128 chars of [A-Za-z0-9._-].
bool IsAcceptableRequestId(std::string_view id);

// 16 random lower-case hex characters.
std::string GenerateRequestId();

// The client's id when it is acceptable, otherwise a generated one.
std::string ChooseRequestId(std::optional<std::string_view> incoming);

}  // namespace nectr::http
