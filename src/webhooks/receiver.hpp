#pragma once

#include <string>

#include "core/blocking_pool.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "webhooks/ingest_writer.hpp"
#include "webhooks/payload_compressor.hpp"
#include "webhooks/routing.hpp"
#include "webhooks/secret_lookup.hpp"

namespace nectr::webhooks {

struct ReceiverDeps {
    core::BlockingPool* pool = nullptr;
    SecretLookup* secrets = nullptr;
    IngestWriter* writer = nullptr;
    core::Metrics* metrics = nullptr;
    std::string app_secret;  // GITHUB_WEBHOOK_SECRET: the fallback for every repository
    RoutingOptions routing;
    // Compresses payloads with the deployment's dictionary; null: each payload alone.
    PayloadCompressor* compressor = nullptr;
};

// POST /api/v1/webhooks/github. In order: 415 for a content type GitHub does not send, 401
// without a signature, 400 for a body that is not a delivery, 404 for a repository with no
// secret (and no app-wide one), 401 for a wrong signature; nothing is written for any of
// them. `ping` answers 200 with the zen. Anything else is stored with its job in one
// transaction and answered 202 with the event id once committed, or 200 with
// "duplicate": true when the delivery id, or the same event and payload within the
// dedup window, was stored before.
http::Handler MakeGitHubWebhookHandler(ReceiverDeps deps);

// The headers of a delivery that the intake reads, looked up case-insensitively.
DeliveryHeaders ReadDeliveryHeaders(const http::Request& request);

// The route's body limit: GitHub caps payloads at 25 MB; a form-encoded one is larger by its
// escaping, so the limit leaves room for that and the route still answers 413 beyond it.
inline constexpr std::size_t kWebhookMaxBodyBytes = std::size_t{26} * 1024 * 1024;

}  // namespace nectr::webhooks
