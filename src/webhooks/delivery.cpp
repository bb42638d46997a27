#include "webhooks/delivery.hpp"

#include <simdjson.h>

#include <algorithm>
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
// Nesting deeper than real payloads ever use is refused.
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

// Payloads up to this size are parsed by a parser kept per thread, whose buffers are reused;
// a bigger one (GitHub allows 25 MB) gets a parser of its own, so that a thread does not keep
// buffers sized for the largest payload it ever saw.
constexpr std::size_t kReusedParserBytes = 256 * 1024;
// What the kept parser is made for at first; it grows with the payloads, up to the above.
constexpr std::size_t kFirstParserBytes = 64 * 1024;

core::Error NotJson(simdjson::error_code error) {
    if (error == simdjson::MEMALLOC) {
        return core::MakeError(core::Errc::kUnavailable,
                               "out of memory while parsing the webhook payload");
    }
    // The parser's message names the problem, never the text around it.
    return core::MakeError(
        core::Errc::kInvalidInput,
        std::string("the payload is not valid JSON: ") + simdjson::error_message(error));
}

// Parses (and fully validates: UTF-8, structure, depth) the payload and copies out the
// fields. simdjson, not Boost.JSON's DOM: every delivery is parsed on an I/O thread, and at
// 5,000 a second Boost.JSON's 24 us for a typical 24 KB pull_request payload were a tenth of
// the server's time; simdjson takes about 6 us.
core::Result<void> ParsePayload(simdjson::dom::parser& parser, Delivery& delivery) {
    simdjson::dom::element root;
    if (auto error = parser.parse(delivery.payload_json).get(root); error != simdjson::SUCCESS) {
        return NotJson(error);
    }
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        return core::MakeError(core::Errc::kInvalidInput, "the payload is not a JSON object");
    }
    ExtractPayloadFields(object, delivery);
    return {};
}

core::Result<void> ParsePayload(Delivery& delivery) {
    auto configured = [](simdjson::dom::parser& parser, std::size_t capacity) {
        // Boost.JSON's default of 32 is close to what real payloads use; 64 leaves room
        // while still bounding the nesting a hostile body can make the parser track.
        return parser.allocate(capacity, kMaxJsonDepth);
    };
    if (delivery.payload_json.size() > kReusedParserBytes) {
        simdjson::dom::parser parser;
        if (auto error = configured(parser, delivery.payload_json.size());
            error != simdjson::SUCCESS) {
            return NotJson(error);
        }
        return ParsePayload(parser, delivery);
    }
    thread_local simdjson::dom::parser parser;
    thread_local bool ready = false;
    if (!ready) {
        if (auto error = configured(parser, kFirstParserBytes); error != simdjson::SUCCESS) {
            return NotJson(error);
        }
        ready = true;
    }
    return ParsePayload(parser, delivery);
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
            delivery.raw_body = std::move(body);
        } else {
            delivery.payload_json = std::move(body);  // the one copy of up to 25 MB
        }
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
