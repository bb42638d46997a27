#include <cctype>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "entries.hpp"
#include "webhooks/authenticate.hpp"
#include "webhooks/command.hpp"
#include "webhooks/delivery.hpp"
#include "webhooks/installation_change.hpp"
#include "webhooks/job_request.hpp"
#include "webhooks/routing.hpp"
#include "webhooks/signature.hpp"

namespace nectr::fuzz {
namespace {

constexpr std::string_view kSecret = "fuzz-webhook-secret";

bool SameName(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

void SetHeader(webhooks::DeliveryHeaders& headers, std::string_view name, std::string value) {
    if (SameName(name, "X-GitHub-Event")) {
        headers.event = std::move(value);
    } else if (SameName(name, "X-GitHub-Delivery")) {
        headers.delivery_id = std::move(value);
    } else if (SameName(name, "X-Hub-Signature-256")) {
        headers.signature = std::move(value);
    } else if (SameName(name, "Content-Type")) {
        headers.content_type = std::move(value);
    } else if (SameName(name, "X-GitHub-Hook-ID")) {
        headers.hook_id = std::move(value);
    } else if (SameName(name, "X-GitHub-Hook-Installation-Target-Type")) {
        headers.hook_installation_target_type = std::move(value);
    } else if (SameName(name, "X-GitHub-Hook-Installation-Target-ID")) {
        headers.hook_installation_target_id = std::move(value);
    }
}

// Splits "Name: value" lines up to the first empty line; the rest is the body.
webhooks::DeliveryHeaders ReadHeaders(std::string_view& data) {
    webhooks::DeliveryHeaders headers;
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
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
        SetHeader(headers, line.substr(0, colon), std::string(value));
    }
    return headers;
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
