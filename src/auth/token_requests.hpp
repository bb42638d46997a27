#pragma once

// The JSON of the personal API token endpoints: reading a creation request, writing listings
// and the one answer that shows a new token. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/api_token_records.hpp"
#include "core/error.hpp"

namespace nectr::auth {

inline constexpr std::size_t kMaxTokenNameChars = 100;
inline constexpr int kMaxTokenDays = 365;

struct NewTokenRequest {
    std::string name;                    // trimmed, 1..kMaxTokenNameChars characters
    std::optional<int> expires_in_days;  // nullopt: the token does not expire
};

// {"name": "...", "expires_in_days": N}; expires_in_days may be absent or null. kInvalidInput,
// naming the field, for a body that is not a JSON object, a name that is missing, blank,
// longer than kMaxTokenNameChars characters (not bytes) or holds control characters, and
// for days that are not a whole number in 1..kMaxTokenDays.
core::Result<NewTokenRequest> ParseNewTokenRequest(std::string_view body);

// A token id from a path segment: a positive decimal integer; nullopt for anything else.
std::optional<std::int64_t> ParseTokenId(std::string_view text);

// {"tokens": [{"id", "name", "prefix", "created_at", "last_used_at", "expires_at",
// "revoked"}]}, times in ISO 8601 UTC or null. Never a hash: the records hold none.
std::string RenderTokenList(const std::vector<ApiTokenInfo>& tokens);

// The creation answer: the listing's fields of `info` plus "token", the secret shown once.
std::string RenderNewToken(const ApiTokenInfo& info, std::string_view token);

}  // namespace nectr::auth
