#include "api/operator_auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <cctype>

#include "auth/authenticator.hpp"
#include "core/text.hpp"

namespace nectr::api {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

// Hashing first makes the comparison independent of the lengths as well as the contents:
// CRYPTO_memcmp needs equal sizes, and a length check of its own would leak the length.
Digest Sha256(std::string_view text) {
    Digest digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return digest;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

core::Result<void> CheckOperatorToken(const http::Request& request, std::string_view configured) {
    if (configured.empty()) {
        return core::MakeError(core::Errc::kForbidden,
                               "the operator token is not configured: set ADMIN_API_TOKEN to "
                               "use this endpoint");
    }
    const std::optional<std::string_view> header = request.Header("Authorization");
    if (!header) {
        return core::MakeError(core::Errc::kUnauthorized,
                               "an operator token is required: Authorization: Bearer <token>");
    }
    constexpr std::string_view kScheme = "Bearer ";
    if (!StartsWithIgnoreCase(*header, kScheme)) {
        return core::MakeError(core::Errc::kUnauthorized,
                               "the Authorization header must be a Bearer token");
    }
    const Digest presented = Sha256(core::TrimBlanks(header->substr(kScheme.size())));
    const Digest expected = Sha256(configured);
    if (CRYPTO_memcmp(presented.data(), expected.data(), presented.size()) != 0) {
        return core::MakeError(core::Errc::kUnauthorized, "the operator token is not valid");
    }
    return {};
}

http::Response OperatorAuthFailure(const core::Error& error) {
    return auth::AuthFailureResponse(error);
}

}  // namespace nectr::api
