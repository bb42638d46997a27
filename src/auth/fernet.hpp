#pragma once

// Fernet tokens (https://github.com/fernet/spec): authenticated encryption of short secrets
// such as OAuth tokens at rest. Layout, before URL-safe base64 with padding:
// version 0x80 | 64-bit big-endian Unix seconds | 128-bit IV | AES-128-CBC (PKCS7) ciphertext |
// HMAC-SHA256 of everything before it. A Fernet key is 32 bytes: the first 16 sign, the last
// 16 encrypt. Pure functions: no I/O, the time comes in as an argument.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "auth/key_ring.hpp"
#include "core/error.hpp"

namespace nectr::auth {

// A key written as Fernet libraries write it: 44 characters of URL-safe base64 with padding.
// kInvalidInput for any other text (the detail never quotes it).
core::Result<Key32> ParseFernetKey(std::string_view urlsafe_base64);
std::string FernetKeyToString(const Key32& key);

// Encrypts `plaintext` under `key`. `iv` empty: 16 random bytes (RAND_bytes); otherwise it
// must hold exactly 16 bytes (a fixed IV is for test vectors only). now_seconds: Unix seconds
// put into the token. Aborts only if OpenSSL cannot encrypt or draw random bytes.
std::string FernetEncrypt(const Key32& key, std::string_view plaintext, std::int64_t now_seconds,
                          std::span<const unsigned char> iv = {});

// Checks and decrypts a token. kInvalidInput "invalid token" for any malformed or forged
// token (bad base64, wrong version, short, bad MAC, bad padding), never saying which.
// ttl_seconds: also reject tokens older than ttl, and tokens stamped more than 60 s after
// now_seconds (the spec's maximum clock skew); without a ttl the timestamp is not checked,
// so that data encrypted at rest stays readable whatever the clock does.
core::Result<std::string> FernetDecrypt(const Key32& key, std::string_view token,
                                        std::int64_t now_seconds,
                                        std::optional<std::int64_t> ttl_seconds = std::nullopt);

// The Unix seconds a well-formed token carries, without checking its MAC (for diagnostics
// such as "sealed on"); nullopt when it is not a Fernet token at all.
std::optional<std::int64_t> FernetTimestamp(std::string_view token);

}  // namespace nectr::auth
