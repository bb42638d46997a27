#pragma once

// The OpenSSL 3 calls the auth module builds on, each with the module's error policy: these
// inputs are all ours (keys, lengths), so an OpenSSL failure here is a broken build or
// machine and aborts with NECTR_ASSERT rather than travelling up as a Result.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace nectr::auth {

using Digest32 = std::array<unsigned char, 32>;

// Fills `out` from RAND_bytes (the OS-seeded CSPRNG).
void FillRandom(std::span<unsigned char> out);
// HMAC-SHA256 (EVP_MAC) of `data` under `key`.
Digest32 HmacSha256(std::span<const unsigned char> key, std::string_view data);
// SHA-256 of `data`.
Digest32 Sha256(std::string_view data);
// HKDF-SHA256 (EVP_KDF, RFC 5869, extract and expand) of `secret` into `out`.
void HkdfSha256(std::string_view secret, std::string_view salt, std::string_view info,
                std::span<unsigned char> out);
// Equal sizes and bytes, in time that depends only on the size (CRYPTO_memcmp).
bool ConstantTimeEquals(std::span<const unsigned char> a, std::span<const unsigned char> b);
// Lowercase hex of the bytes.
std::string HexLower(std::span<const unsigned char> bytes);

// The bytes of a string, for the span parameters above.
inline std::span<const unsigned char> BytesOf(std::string_view text) {
    return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

}  // namespace nectr::auth
