#pragma once

#include <simdjson.h>

#include "webhooks/delivery.hpp"

namespace nectr::webhooks {

// Fills the payload-derived fields of `delivery` (repository, installation, sender, action
// and the per-event struct for delivery.event) from the parsed payload. A missing field or
// one of the wrong type is left empty; the per-event struct is set only when its key field
// (the PR number, the issue number, the push ref, the installation id, the zen) is there.
// Pure; does not throw except std::bad_alloc.
void ExtractPayloadFields(const simdjson::dom::object& root, Delivery& delivery);

}  // namespace nectr::webhooks
