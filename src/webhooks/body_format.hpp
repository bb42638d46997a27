#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::webhooks {

// The two bodies GitHub sends, chosen per webhook in its settings.
enum class BodyFormat { kJson, kForm };

// Classifies a Content-Type value ("application/json; charset=utf-8"), ignoring case,
// surrounding spaces and parameters. kUnsupportedMediaType for anything else, including an
// empty value. Pure; never throws.
core::Result<BodyFormat> ClassifyContentType(std::string_view content_type);

// The percent-decoded value of the `payload` field of an application/x-www-form-urlencoded
// body ('+' means a space). The first `payload` field wins; other fields are ignored.
// kInvalidInput when there is no such field or its percent-encoding is broken. Pure.
core::Result<std::string> FormPayload(std::string_view body);

}  // namespace nectr::webhooks
