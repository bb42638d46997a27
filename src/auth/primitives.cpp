#include "auth/primitives.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <limits>
#include <memory>

#include "core/error.hpp"

namespace nectr::auth {
namespace {

struct MacDeleter {
    void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
    void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
    void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
    void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};
template <typename T>
using Owned = std::unique_ptr<T, MacDeleter>;

// OpenSSL takes `void*`/`char*` for inputs it only reads; an empty view may hold a null
// pointer, which some calls refuse even with length 0, so point at a real byte instead.
void* Input(std::string_view bytes) {
    static char empty = 0;
    return bytes.empty() ? &empty : const_cast<char*>(bytes.data());
}

}  // namespace

void FillRandom(std::span<unsigned char> out) {
    NECTR_ASSERT(out.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max()),
                 "RAND_bytes takes an int length");
    NECTR_ASSERT(RAND_bytes(out.data(), static_cast<int>(out.size())) == 1,
                 "OpenSSL's random generator must work");
}

Digest32 HmacSha256(std::span<const unsigned char> key, std::string_view data) {
    // Fetched once: the fetch walks the provider tables under a lock.
    static EVP_MAC* const kHmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    NECTR_ASSERT(kHmac != nullptr, "OpenSSL provides HMAC");
    const Owned<EVP_MAC_CTX> ctx(EVP_MAC_CTX_new(kHmac));
    NECTR_ASSERT(ctx != nullptr, "an HMAC context can be made");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end(),
    };
    static constexpr unsigned char kEmptyKey = 0;
    const unsigned char* key_bytes = key.empty() ? &kEmptyKey : key.data();
    Digest32 mac{};
    std::size_t length = 0;
    const bool ok =
        EVP_MAC_init(ctx.get(), key_bytes, key.size(), params) == 1 &&
        EVP_MAC_update(ctx.get(), static_cast<unsigned char*>(Input(data)), data.size()) == 1 &&
        EVP_MAC_final(ctx.get(), mac.data(), &length, mac.size()) == 1;
    NECTR_ASSERT(ok && length == mac.size(), "HMAC-SHA256 succeeds on any input");
    return mac;
}

Digest32 Sha256(std::string_view data) {
    Digest32 digest{};
    unsigned int length = 0;
    NECTR_ASSERT(
        EVP_Digest(Input(data), data.size(), digest.data(), &length, EVP_sha256(), nullptr) == 1 &&
            length == digest.size(),
        "SHA-256 succeeds on any input");
    return digest;
}

void HkdfSha256(std::string_view secret, std::string_view salt, std::string_view info,
                std::span<unsigned char> out) {
    static EVP_KDF* const kHkdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr);
    NECTR_ASSERT(kHkdf != nullptr, "OpenSSL provides HKDF");
    const Owned<EVP_KDF_CTX> ctx(EVP_KDF_CTX_new(kHkdf));
    NECTR_ASSERT(ctx != nullptr, "an HKDF context can be made");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, Input(secret), secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Input(salt), salt.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, Input(info), info.size()),
        OSSL_PARAM_construct_end(),
    };
    NECTR_ASSERT(EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) == 1,
                 "HKDF-SHA256 succeeds for a non-empty secret");
}

bool ConstantTimeEquals(std::span<const unsigned char> a, std::span<const unsigned char> b) {
    return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

std::string HexLower(std::span<const unsigned char> bytes) {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const unsigned char byte : bytes) {
        out += kDigits[byte >> 4U];
        out += kDigits[byte & 0x0FU];
    }
    return out;
}

}  // namespace nectr::auth
