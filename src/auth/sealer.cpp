#include "auth/sealer.hpp"

#include <chrono>

#include "auth/fernet.hpp"

namespace nectr::auth {
namespace {

std::int64_t UnixSeconds(const core::Clock& clock) {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}

}  // namespace

Sealer::Sealer(const KeyRing& keys, std::string purpose, const core::Clock& clock)
    : purpose_(std::move(purpose)), keys_(keys.KeysFor(purpose_)), clock_(clock) {}

std::string Sealer::Seal(std::string_view plaintext) const {
    return FernetEncrypt(keys_.front(), plaintext, UnixSeconds(clock_));
}

core::Result<std::string> Sealer::Open(std::string_view token) const {
    const std::int64_t now = UnixSeconds(clock_);
    for (const Key32& key : keys_) {
        auto plaintext = FernetDecrypt(key, token, now);
        if (plaintext) {
            return plaintext;
        }
    }
    return core::MakeError(core::Errc::kInvalidInput, "invalid token");
}

bool Sealer::NeedsResealing(std::string_view token) const {
    const std::int64_t now = UnixSeconds(clock_);
    if (FernetDecrypt(keys_.front(), token, now)) {
        return false;
    }
    for (std::size_t i = 1; i < keys_.size(); ++i) {
        if (FernetDecrypt(keys_[i], token, now)) {
            return true;
        }
    }
    return false;
}

}  // namespace nectr::auth
