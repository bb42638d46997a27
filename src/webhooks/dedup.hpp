#pragma once

#include <string>
#include <string_view>

namespace nectr::webhooks {

// Lowercase hex SHA-256 of `event_type` + '\n' + `payload_json`: the key for dropping a
// delivery already seen within the dedup window, alongside X-GitHub-Delivery.
//
// It hashes the payload text as received, not a re-serialisation of the parsed JSON: GitHub
// redelivers the same bytes, so the text is already canonical for the duplicates that matter,
// and hashing it costs no parse or allocation. Two payloads that differ only in formatting
// are not from the same GitHub delivery and may hash differently; that is accepted. The
// event type is included because the payload alone does not name it. Returns an empty
// string only if OpenSSL cannot hash at all; callers then dedupe on the delivery id alone.
// Pure; never throws.
std::string DedupHash(std::string_view event_type, std::string_view payload_json);

}  // namespace nectr::webhooks
