#include "app/accounts_setup.hpp"

namespace nectr::app {

AccountKeys::AccountKeys(auth::KeyRing ring_in, store::Database& db, const core::Clock& clock)
    : ring(std::move(ring_in)),
      tokens(ring, std::string(auth::kTokenEncryptionPurpose), clock),
      webhook_secrets(ring, std::string(auth::kWebhookSecretPurpose), clock),
      user_tokens(db, tokens) {}

core::Result<std::unique_ptr<AccountKeys>> MakeAccountKeys(const core::Config& config,
                                                           store::Database& db,
                                                           const core::Clock& clock) {
    core::Result<auth::KeyRing> ring =
        auth::KeyRing::Create(config.secret_key, config.secret_key_previous);
    if (!ring) {
        return core::MakeError(core::Errc::kInvalidInput, "SECRET_KEY: " + ring.error().detail);
    }
    return std::make_unique<AccountKeys>(std::move(*ring), db, clock);
}

}  // namespace nectr::app
