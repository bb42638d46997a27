#include "auth/api_token_secret.hpp"

#include <algorithm>
#include <array>

#include "auth/primitives.hpp"

namespace nectr::auth {
namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// The largest multiple of 62 that fits a byte: bytes at or above it are redrawn, so that
// every character is equally likely (a plain `% 62` would favour the first eight).
constexpr unsigned kUnbiasedLimit = 62 * 4;

bool IsBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

NewTokenSecret GenerateApiToken() {
    std::string token(kApiTokenPrefix);
    std::array<unsigned char, 64> pool{};
    while (token.size() < kApiTokenLength) {
        FillRandom(pool);
        for (const unsigned char byte : pool) {
            if (byte < kUnbiasedLimit && token.size() < kApiTokenLength) {
                token += kBase62[byte % kBase62.size()];
            }
        }
    }
    std::string hash = HashApiToken(token);
    std::string prefix = token.substr(0, kApiTokenShownPrefixLength);
    return NewTokenSecret{std::move(token), std::move(hash), std::move(prefix)};
}

std::string HashApiToken(std::string_view token) { return HexLower(Sha256(token)); }

bool LooksLikeApiToken(std::string_view token) {
    return token.size() == kApiTokenLength && token.starts_with(kApiTokenPrefix) &&
           std::all_of(token.begin() + kApiTokenPrefix.size(), token.end(), IsBase62);
}

}  // namespace nectr::auth
