#include "webhooks/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <limits>
#include <optional>

#include "webhooks/hex.hpp"

namespace nectr::webhooks {
namespace {

constexpr std::size_t kMacBytes = 32;
using Mac = std::array<unsigned char, kMacBytes>;

// HMAC-SHA256 of body keyed with secret; nullopt only if OpenSSL itself fails.
std::optional<Mac> ComputeMac(std::string_view secret, std::string_view body) {
    if (secret.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        return std::nullopt;  // HMAC takes an int key length
    }
    // OpenSSL 3 refuses a null key pointer even with length 0, and an empty string_view may
    // hold one; any valid address does for a zero-length key.
    static constexpr unsigned char kEmpty = 0;
    const auto* key =
        secret.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(secret.data());
    const auto* data = body.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(body.data());
    Mac mac{};
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()), data, body.size(), mac.data(),
             &length) == nullptr ||
        length != kMacBytes) {
        return std::nullopt;
    }
    return mac;
}

}  // namespace

bool VerifySignature(std::string_view secret, std::string_view body,
                     std::string_view header_value) {
    if (secret.empty() || !header_value.starts_with(kSignaturePrefix)) {
        return false;
    }
    const std::string_view hex = header_value.substr(kSignaturePrefix.size());
    if (hex.size() != kSignatureHexLength) {
        return false;
    }
    const auto claimed = HexDecode(hex);
    if (!claimed || claimed->size() != kMacBytes) {
        return false;
    }
    const auto expected = ComputeMac(secret, body);
    if (!expected) {
        return false;
    }
    // Constant-time, so that response timing does not reveal how many leading bytes of a
    // forged signature were right.
    return CRYPTO_memcmp(expected->data(), claimed->data(), kMacBytes) == 0;
}

std::string SignBody(std::string_view secret, std::string_view body) {
    const auto mac = ComputeMac(secret, body);
    if (!mac) {
        // Only reachable if OpenSSL cannot compute SHA-256 at all; an empty value never
        // verifies, so the failure stays visible to whoever sends it.
        return "";
    }
    return std::string(kSignaturePrefix) + HexEncode(*mac);
}

}  // namespace nectr::webhooks
