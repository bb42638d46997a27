#include "webhooks/authenticate.hpp"

#include <string>

#include "webhooks/signature.hpp"

namespace nectr::webhooks {

core::Result<void> AuthenticateDelivery(const Delivery& delivery, const WebhookSecrets& secrets) {
    if (secrets.repository.empty() && secrets.app.empty()) {
        return core::MakeError(
            core::Errc::kNotFound,
            delivery.repository_full_name.empty()
                ? "no webhook secret is configured for deliveries without a repository"
                : "no webhook secret is configured for repository " +
                      delivery.repository_full_name);
    }
    if (delivery.signature.empty()) {
        return core::MakeError(core::Errc::kUnauthorized,
                               "the X-Hub-Signature-256 header is missing");
    }
    const bool valid =
        (!secrets.repository.empty() &&
         VerifySignature(secrets.repository, delivery.SignedBody(), delivery.signature)) ||
        (!secrets.app.empty() &&
         VerifySignature(secrets.app, delivery.SignedBody(), delivery.signature));
    if (!valid) {
        // Deliberately the same message for a malformed and a wrong signature: the sender
        // learns nothing about which part was off.
        return core::MakeError(core::Errc::kUnauthorized,
                               "the X-Hub-Signature-256 signature does not match the body");
    }
    return {};
}

}  // namespace nectr::webhooks
