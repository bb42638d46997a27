#pragma once

// Personal API tokens (scripts, the MCP server): "nectr_" and 40 base62 characters, about 238
// bits of randomness. Only the SHA-256 is stored (api_tokens.token_hash): a database leak gives
// no usable token, and the token's own entropy makes a slow hash unnecessary.
#include <cstddef>
#include <string>
#include <string_view>

namespace nectr::auth {

inline constexpr std::string_view kApiTokenPrefix = "nectr_";
inline constexpr std::size_t kApiTokenRandomChars = 40;
inline constexpr std::size_t kApiTokenLength = 46;             // prefix + random characters
inline constexpr std::size_t kApiTokenShownPrefixLength = 12;  // api_tokens.prefix

struct NewTokenSecret {
    std::string token;   // shown once, never stored
    std::string hash;    // HashApiToken(token): api_tokens.token_hash
    std::string prefix;  // the first 12 characters: api_tokens.prefix
};

// A fresh token from RAND_bytes (unbiased base62). Aborts only if OpenSSL cannot draw random
// bytes.
NewTokenSecret GenerateApiToken();
// Lowercase hex SHA-256 of the token's bytes (64 characters).
std::string HashApiToken(std::string_view token);
// True for "nectr_" followed by exactly 40 base62 characters: a cheap check before a lookup
// (and how a bearer value is told apart from a session JWT).
bool LooksLikeApiToken(std::string_view token);

}  // namespace nectr::auth
