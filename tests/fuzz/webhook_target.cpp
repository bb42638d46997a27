#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "entries.hpp"
#include "http/message.hpp"
#include "webhooks/authenticate.hpp"
#include "webhooks/command.hpp"
#include "webhooks/delivery.hpp"
#include "webhooks/installation_change.hpp"
#include "webhooks/job_request.hpp"
#include "webhooks/receiver.hpp"
#include "webhooks/routing.hpp"
#include "webhooks/signature.hpp"

namespace nectr::fuzz {
namespace {

constexpr std::string_view kSecret = "fuzz-webhook-secret";

// Splits "Name: value" lines up to the first empty line into a request's headers, read as the
// server reads them; the rest is the body.
webhooks::DeliveryHeaders ReadHeaders(std::string_view& data) {
    http::Request request;
    while (!data.empty()) {
        const std::size_t end = data.find('\n');
        std::string_view line = data.substr(0, end);
        data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
        if (line.empty()) {
            break;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        request.headers.push_back({std::string(line.substr(0, colon)),
                                   std::string(core::TrimBlanks(line.substr(colon + 1)))});
    }
    return webhooks::ReadDeliveryHeaders(request);
}

}  // namespace

void FuzzWebhook(std::string_view data) {
    webhooks::DeliveryHeaders headers = ReadHeaders(data);
    // A signature of "sha256=" alone asks for a correct one, so that the fuzzer also gets
    // past authentication.
    if (headers.signature == "sha256=") {
        headers.signature = webhooks::SignBody(kSecret, data);
    }
    auto delivery = webhooks::ParseDelivery(headers, std::string(data));
    if (!delivery) {
        return;
    }
    (void)webhooks::EventKey(*delivery);
    auto authenticated =
        webhooks::AuthenticateDelivery(*delivery, {.repository = "", .app = kSecret});
    if (!authenticated) {
        NECTR_ASSERT(authenticated.error().code == core::Errc::kUnauthorized,
                     "with an app secret a failure can only be a bad signature");
        return;
    }
    for (bool drafts : {false, true}) {
        const webhooks::RoutingDecision decision =
            webhooks::RouteDelivery(*delivery, {.review_drafts = drafts});
        if (decision.job) {
            (void)webhooks::JobKindName(*decision.job);
            (void)webhooks::MakeJobRequest(*delivery, decision);
        }
    }
    if (delivery->issue_comment) {
        (void)webhooks::FindCommand(delivery->issue_comment->body);
    }
    (void)webhooks::ParseInstallationChange(delivery->event, delivery->action,
                                            delivery->payload_json);
}

}  // namespace nectr::fuzz
