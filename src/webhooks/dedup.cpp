#include "webhooks/dedup.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>

#include "webhooks/hex.hpp"

namespace nectr::webhooks {

std::string DedupHash(std::string_view event_type, std::string_view payload_json) {
    // Three updates instead of one concatenated string: the payload may be 25 MB.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const bool ok =
        context != nullptr && EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) == 1 &&
        EVP_DigestUpdate(context.get(), event_type.data(), event_type.size()) == 1 &&
        EVP_DigestUpdate(context.get(), "\n", 1) == 1 &&
        EVP_DigestUpdate(context.get(), payload_json.data(), payload_json.size()) == 1 &&
        EVP_DigestFinal_ex(context.get(), digest.data(), &length) == 1;
    if (!ok) {
        // Only if OpenSSL cannot compute SHA-256 at all. An empty key would make every
        // delivery a duplicate of every other, so the caller must treat it as "no hash".
        return "";
    }
    return HexEncode(std::span<const unsigned char>(digest.data(), length));
}

}  // namespace nectr::webhooks
