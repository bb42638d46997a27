#pragma once

#include <string_view>

#include "core/error.hpp"
#include "webhooks/delivery.hpp"

namespace nectr::webhooks {

// The secrets that may have signed a delivery; an empty view means there is none. The caller
// looks `repository` up by delivery.repository_full_name.
struct WebhookSecrets {
    std::string_view repository;  // the repository's own webhook secret
    std::string_view app;         // the app-wide secret (GitHub App or shared webhook)
};

// Checks delivery.signature (X-Hub-Signature-256) over delivery.SignedBody() with the
// repository's secret, then with the app-wide one. Both are tried because a repository with
// its own webhook can also be covered by the App installation, whose deliveries are signed
// with the app secret; the app secret is trusted for every repository anyway.
// Errors: kNotFound when neither secret exists (unknown repository, no app-wide secret);
// kUnauthorized when the signature is missing or matches neither. Must run before anything
// is written. Pure; constant-time in the signature; never throws.
core::Result<void> AuthenticateDelivery(const Delivery& delivery, const WebhookSecrets& secrets);

}  // namespace nectr::webhooks
