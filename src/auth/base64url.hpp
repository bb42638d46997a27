#pragma once

// URL-safe base64 (RFC 4648 section 5): Fernet writes it with padding, JSON Web Tokens without.
#include <optional>
#include <string>
#include <string_view>

namespace nectr::auth {

enum class Base64Padding { kWith, kWithout };

std::string EncodeBase64Url(std::string_view bytes, Base64Padding padding);

// Strict decoding: only the URL-safe alphabet, padding exactly as `padding` says (kWith: the
// length is a multiple of 4, with one or two '=' where needed; kWithout: no '='), and unused
// low bits of the last character zero, so that each byte string has one encoding only.
// nullopt otherwise.
std::optional<std::string> DecodeBase64Url(std::string_view text, Base64Padding padding);

}  // namespace nectr::auth
