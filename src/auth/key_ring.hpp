#pragma once

// One secret (SECRET_KEY) serves several purposes: session JWTs, tokens encrypted at rest,
// webhook secrets, OAuth states. Each purpose gets its own key, derived with HKDF-SHA256, so
// that a key leaked or misused in one place (a MAC that verifies in another context) says
// nothing about the others, and so that rotating SECRET_KEY rotates all of them at once.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::auth {

using Key32 = std::array<unsigned char, 32>;

// The purposes in use; any other string is a purpose too (its own key).
inline constexpr std::string_view kSessionJwtPurpose = "session-jwt";
inline constexpr std::string_view kTokenEncryptionPurpose = "token-encryption";
inline constexpr std::string_view kWebhookSecretPurpose = "webhook-secret";
inline constexpr std::string_view kOAuthStatePurpose = "oauth-state";

// Secrets per purpose, derived with HKDF-SHA256 from SECRET_KEY (info = "nectr/" + purpose,
// fixed salt). Immutable once made; cheap to copy (a few strings). Pure: no I/O.
class KeyRing {
public:
    // `current` is SECRET_KEY; `previous` older SECRET_KEYs still accepted for reading
    // (rotation), newest first. Empty entries of `previous`, and entries equal to `current`
    // or to an earlier entry, are dropped. kInvalidInput when current is empty.
    static core::Result<KeyRing> Create(std::string current, std::vector<std::string> previous);

    // The key for `purpose` from each secret, current first.
    std::vector<Key32> KeysFor(std::string_view purpose) const;
    // The key for `purpose` from the current secret: the one that signs and encrypts.
    Key32 CurrentKey(std::string_view purpose) const;
    // How many secrets the ring holds (1 + the distinct previous ones).
    std::size_t Size() const { return secrets_.size(); }

private:
    explicit KeyRing(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {}

    std::vector<std::string> secrets_;  // current first
};

// HKDF-SHA256 of `secret` (not empty) for `purpose`: the derivation KeyRing uses, exposed for
// tests and for tools that must derive one key without a ring.
Key32 DeriveKey(std::string_view secret, std::string_view purpose);

}  // namespace nectr::auth
