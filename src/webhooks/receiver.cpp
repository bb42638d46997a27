#include "webhooks/receiver.hpp"

#include <boost/json.hpp>

#include "core/log.hpp"
#include "webhooks/authenticate.hpp"
#include "webhooks/dedup.hpp"
#include "webhooks/job_request.hpp"

namespace nectr::webhooks {
namespace {

namespace json = boost::json;

IngestItem MakeIngestItem(const Delivery& delivery, const ReceiverDeps& deps) {
    RoutingDecision decision = RouteDelivery(delivery, deps.routing);
    IngestItem item;
    item.event_type = delivery.event;
    item.action = delivery.action;
    item.delivery_id = delivery.delivery_id;
    item.repo_full_name = delivery.repository_full_name;
    // payload_json stays empty: the writer needs only the encoded bytes.
    item.dedup_hash = DedupHash(delivery.event, delivery.payload_json);
    // Compressed here, on the I/O thread, so that the one writer thread only writes.
    item.encoded_payload = deps.compressor != nullptr
                               ? deps.compressor->Encode(delivery.payload_json)
                               : EncodePayload(delivery.payload_json);
    if (decision.job) {
        item.job = MakeJobRequest(delivery, decision);
    } else {
        item.note = decision.note;
    }
    return item;
}

// What the answer says of the item, kept apart so that the item itself can move to the writer.
struct ItemSummary {
    std::string job_kind;  // empty when no job was asked for
    std::string note;
};

http::Response Answer(const IngestOutcome& outcome, const ItemSummary& item) {
    json::object body{{"event_id", outcome.event_id}};
    if (outcome.status == IngestStatus::kDuplicate) {
        body["status"] = "duplicate";
        body["duplicate"] = true;
        return http::Response::Json(200, json::serialize(body));
    }
    body["status"] = "accepted";
    body["duplicate"] = false;
    if (outcome.job_id) {
        body["job_id"] = *outcome.job_id;
        body["job"] = item.job_kind;
    } else {
        body["note"] = item.note;
    }
    return http::Response::Json(202, json::serialize(body));
}

void Count(core::Metrics* metrics, std::string_view event, std::string_view outcome) {
    if (metrics != nullptr) {
        metrics->Increment("nectr_webhook_deliveries_total",
                           {{"event", std::string(event)}, {"outcome", std::string(outcome)}});
    }
}

}  // namespace

DeliveryHeaders ReadDeliveryHeaders(const http::Request& request) {
    auto get = [&request](std::string_view name) {
        return std::string(request.Header(name).value_or(""));
    };
    DeliveryHeaders headers;
    headers.event = get("X-GitHub-Event");
    headers.delivery_id = get("X-GitHub-Delivery");
    headers.signature = get("X-Hub-Signature-256");
    headers.content_type = get("Content-Type");
    headers.hook_id = get("X-GitHub-Hook-ID");
    headers.hook_installation_target_type = get("X-GitHub-Hook-Installation-Target-Type");
    headers.hook_installation_target_id = get("X-GitHub-Hook-Installation-Target-ID");
    return headers;
}

http::Handler MakeGitHubWebhookHandler(ReceiverDeps deps) {
    if (deps.metrics != nullptr) {
        deps.metrics->DeclareCounter("nectr_webhook_deliveries_total",
                                     "GitHub deliveries by event and outcome.");
    }
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        DeliveryHeaders headers = ReadDeliveryHeaders(request);
        if (headers.signature.empty()) {
            Count(deps.metrics, headers.event, "unsigned");
            co_return http::ErrorResponse(core::MakeError(
                core::Errc::kUnauthorized, "the X-Hub-Signature-256 header is missing"));
        }
        auto delivery = ParseDelivery(headers, std::move(request.body));
        if (!delivery) {
            Count(deps.metrics, headers.event, "invalid");
            co_return http::ErrorResponse(delivery.error());
        }
        std::string repository = delivery->repository_full_name;
        // g++ 12 mishandles temporaries inside co_await expressions (a conditional, a lambda):
        // the work is named first, and the await stands alone.
        core::Result<std::string> secret = std::string();
        std::optional<std::string> cached;
        if (!repository.empty()) {
            cached = deps.secrets->Cached(repository);
        }
        if (cached) {
            secret = std::move(*cached);
        } else if (!repository.empty()) {
            std::function<core::Result<std::string>()> find = [&deps, &repository] {
                return deps.secrets->Find(repository);
            };
            secret = co_await deps.pool->Call<core::Result<std::string>>(std::move(find));
        }
        if (!secret) {
            co_return http::ErrorResponse(secret.error());
        }
        auto authentic = AuthenticateDelivery(*delivery, WebhookSecrets{*secret, deps.app_secret});
        if (!authentic) {
            Count(deps.metrics, delivery->event, "rejected");
            NECTR_LOG_WARN("webhook.rejected", "delivery={} event={} repo={} reason=\"{}\"",
                           delivery->delivery_id, delivery->event, repository,
                           authentic.error().detail);
            co_return http::ErrorResponse(authentic.error());
        }
        IngestItem item = MakeIngestItem(*delivery, deps);
        const ItemSummary summary{item.job ? item.job->kind : std::string(), item.note};
        auto outcome = co_await deps.writer->Submit(std::move(item));
        if (!outcome) {
            Count(deps.metrics, delivery->event, "failed");
            co_return http::ErrorResponse(outcome.error());
        }
        Count(deps.metrics, delivery->event,
              outcome->status == IngestStatus::kDuplicate ? "duplicate" : "accepted");
        NECTR_LOG_INFO("webhook.received",
                       "delivery={} event={} action={} repo={} event_id={} "
                       "job_id={} duplicate={}",
                       delivery->delivery_id, delivery->event, delivery->action, repository,
                       outcome->event_id, outcome->job_id.value_or(0),
                       outcome->status == IngestStatus::kDuplicate);
        if (delivery->ping) {
            json::object pong{{"zen", delivery->ping->zen}, {"event_id", outcome->event_id}};
            if (delivery->ping->hook_id) {
                pong["hook_id"] = *delivery->ping->hook_id;
            }
            co_return http::Response::Json(200, json::serialize(pong));
        }
        co_return Answer(*outcome, summary);
    };
}

}  // namespace nectr::webhooks
