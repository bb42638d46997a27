#pragma once

// Encryption at rest (OAuth tokens in the users table, per-repository webhook secrets) with
// SECRET_KEY rotation: seal with the current key, open with any key of the ring.
#include <string>
#include <string_view>
#include <vector>

#include "auth/key_ring.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace nectr::auth {

class Sealer {
public:
    // Derives the keys of `purpose` (e.g. kTokenEncryptionPurpose) from `keys` once. `clock`
    // must outlive the Sealer (it stamps the tokens); `keys` need not, but callers may rely
    // on either. Pure apart from the clock and random IVs; never blocks.
    Sealer(const KeyRing& keys, std::string purpose, const core::Clock& clock);

    // A Fernet token of `plaintext` under the current key.
    std::string Seal(std::string_view plaintext) const;
    // The plaintext, trying every key of the ring, current first. No expiry: sealed data
    // does not age. kInvalidInput "invalid token" when no key opens it (corrupted, or sealed
    // under a secret that is no longer configured).
    core::Result<std::string> Open(std::string_view token) const;
    // True when only an older key opens `token`: the caller should store Seal(*Open(token))
    // so that the old secret can be retired. False when the current key opens it, and when
    // no key does.
    bool NeedsResealing(std::string_view token) const;

private:
    std::string purpose_;
    std::vector<Key32> keys_;  // current first
    const core::Clock& clock_;
};

}  // namespace nectr::auth
