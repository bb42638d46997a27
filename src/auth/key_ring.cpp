#include "auth/key_ring.hpp"

#include <algorithm>

#include "auth/primitives.hpp"

namespace nectr::auth {
namespace {

// HKDF's salt need not be secret (RFC 5869 section 3.1); a fixed one names this scheme, so
// that a new derivation could be told apart by a new salt.
constexpr std::string_view kSalt = "nectr/key-ring/v1";
constexpr std::string_view kInfoPrefix = "nectr/";

}  // namespace

Key32 DeriveKey(std::string_view secret, std::string_view purpose) {
    NECTR_ASSERT(!secret.empty(), "KeyRing never holds an empty secret");
    std::string info(kInfoPrefix);
    info += purpose;
    Key32 key{};
    HkdfSha256(secret, kSalt, info, key);
    return key;
}

core::Result<KeyRing> KeyRing::Create(std::string current, std::vector<std::string> previous) {
    if (current.empty()) {
        return core::MakeError(core::Errc::kInvalidInput, "SECRET_KEY must not be empty");
    }
    std::vector<std::string> secrets;
    secrets.reserve(1 + previous.size());
    secrets.push_back(std::move(current));
    for (std::string& secret : previous) {
        // A duplicate would only make every failed check run twice.
        if (!secret.empty() && std::find(secrets.begin(), secrets.end(), secret) == secrets.end()) {
            secrets.push_back(std::move(secret));
        }
    }
    return KeyRing(std::move(secrets));
}

std::vector<Key32> KeyRing::KeysFor(std::string_view purpose) const {
    std::vector<Key32> keys;
    keys.reserve(secrets_.size());
    for (const std::string& secret : secrets_) {
        keys.push_back(DeriveKey(secret, purpose));
    }
    return keys;
}

Key32 KeyRing::CurrentKey(std::string_view purpose) const {
    return DeriveKey(secrets_.front(), purpose);
}

}  // namespace nectr::auth
