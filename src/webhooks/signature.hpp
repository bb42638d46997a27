#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nectr::webhooks {

// "sha256=" followed by 64 hex digits: the form of GitHub's X-Hub-Signature-256 header.
inline constexpr std::string_view kSignaturePrefix = "sha256=";
inline constexpr std::size_t kSignatureHexLength = 64;

// True when `header_value` is "sha256=<hex>" and the hex (either case) is the HMAC-SHA256 of
// `body` keyed with `secret`. The MAC comparison is constant-time. False for an empty secret
// (a misconfiguration that would let anyone sign), a missing prefix, a wrong length or a
// non-hex digit. `body` must be the raw HTTP body as received, before any form decoding.
// Pure; never throws.
bool VerifySignature(std::string_view secret, std::string_view body, std::string_view header_value);

// "sha256=<64 lowercase hex>": the X-Hub-Signature-256 value GitHub would send for `body`
// signed with `secret`. For tests, benchmarks and outgoing test deliveries. Never throws.
std::string SignBody(std::string_view secret, std::string_view body);

}  // namespace nectr::webhooks
