#include "webhooks/delivery.hpp"

#include <algorithm>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <exception>
#include <new>
#include <string_view>
#include <utility>

#include "webhooks/body_format.hpp"
#include "webhooks/payload_fields.hpp"

namespace nectr::webhooks {
namespace {

// Event names are short snake_case words ("pull_request_review_comment"); anything else is
// not from GitHub, and the name goes into logs and notes, so it is checked, not trusted.
constexpr std::size_t kMaxEventNameLength = 64;
// GitHub sends GUIDs (36 characters); test tools send other ids, which are fine if tame.
constexpr std::size_t kMaxDeliveryIdLength = 128;
// Boost.JSON's default of 32 is close to what real payloads use; 64 leaves room while still
// bounding the parser's recursion on a hostile body.
constexpr std::size_t kMaxJsonDepth = 64;

bool IsEventName(std::string_view name) {
    return !name.empty() && name.size() <= kMaxEventNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
           });
}

bool IsDeliveryId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxDeliveryIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
           });
}

core::Result<void> CheckHeaders(const DeliveryHeaders& headers) {
    if (headers.event.empty()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the X-GitHub-Event header is missing; GitHub always sends it");
    }
    if (!IsEventName(headers.event)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the X-GitHub-Event header is not an event name");
    }
    if (!headers.delivery_id.empty() && !IsDeliveryId(headers.delivery_id)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the X-GitHub-Delivery header is not a delivery id");
    }
    return {};
}

// Parses the payload into a value on `resource` and copies out the fields. The parse tree
// is thrown away at once, so a monotonic arena serves it faster than the heap, starting in a
// buffer on the stack that holds the tree of a typical pull_request payload.
core::Result<void> ParsePayload(Delivery& delivery) {
    constexpr std::size_t kArenaBytes = 64 * 1024;
    alignas(std::max_align_t) unsigned char arena[kArenaBytes];
    boost::json::monotonic_resource resource(arena, sizeof arena);
    boost::json::parse_options options;
    options.max_depth = kMaxJsonDepth;
    boost::system::error_code ec;
    boost::json::value root = boost::json::parse(delivery.payload_json, ec, &resource, options);
    if (ec) {
        // The parser's message names the problem, never the text around it.
        return core::MakeError(core::Errc::kInvalidInput,
                               "the payload is not valid JSON: " + ec.message());
    }
    const boost::json::object* object = root.if_object();
    if (object == nullptr) {
        return core::MakeError(core::Errc::kInvalidInput, "the payload is not a JSON object");
    }
    ExtractPayloadFields(*object, delivery);
    return {};
}

}  // namespace

core::Result<Delivery> ParseDelivery(const DeliveryHeaders& headers, std::string body) {
    if (auto checked = CheckHeaders(headers); !checked) {
        return checked.error();
    }
    if (body.size() > kMaxPayloadBytes) {
        return core::MakeError(core::Errc::kTooLarge, "the body is over GitHub's 25 MB limit");
    }
    const core::Result<BodyFormat> format = ClassifyContentType(headers.content_type);
    if (!format) {
        return format.error();
    }
    Delivery delivery;
    delivery.event = headers.event;
    delivery.delivery_id = headers.delivery_id;
    delivery.signature = headers.signature;
    delivery.hook_id = headers.hook_id;
    delivery.hook_installation_target_type = headers.hook_installation_target_type;
    delivery.hook_installation_target_id = headers.hook_installation_target_id;
    try {
        if (*format == BodyFormat::kForm) {
            core::Result<std::string> payload = FormPayload(body);
            if (!payload) {
                return payload.error();
            }
            delivery.payload_json = std::move(*payload);
        } else {
            delivery.payload_json = body;
        }
        delivery.raw_body = std::move(body);
        if (auto parsed = ParsePayload(delivery); !parsed) {
            return parsed.error();
        }
    } catch (const std::bad_alloc&) {
        // Up to three copies of a 25 MB body are alive here; running out of memory is the
        // one way this can throw, and it must not escape the module.
        return core::MakeError(core::Errc::kUnavailable,
                               "out of memory while parsing the webhook payload");
    }
    return delivery;
}

std::string EventKey(const Delivery& delivery) {
    if (delivery.action.empty()) {
        return delivery.event;
    }
    return delivery.event + "." + delivery.action;
}

}  // namespace nectr::webhooks
