#pragma once

#include <string>
#include <string_view>

namespace nectr::webhooks {

// Lowercase hex XXH3-128 of `event_type` + '\n' + `payload_json` (as `xxhsum -H2` prints it):
// the key for dropping a delivery already seen within the dedup window, alongside
// X-GitHub-Delivery.
//
// A fast non-cryptographic hash, not SHA-256: it runs on every delivery, over up to 25 MB, and
// SHA-256 of a typical 24 KB payload cost a tenth of the receiving thread's time. The key only
// has to tell GitHub's repeats from other deliveries; it guards nothing, since the payload is
// authenticated by its HMAC first, and whoever could craft a colliding payload would need the
// webhook secret, with which they could send any event anyway.
//
// It hashes the payload text as received, not a re-serialisation of the parsed JSON: GitHub
// redelivers the same bytes, so the text is already canonical for the duplicates that matter,
// and hashing it costs no parse or allocation. Two payloads that differ only in formatting
// are not from the same GitHub delivery and may hash differently; that is accepted. The
// event type is included because the payload alone does not name it. Pure; never throws.
std::string DedupHash(std::string_view event_type, std::string_view payload_json);

}  // namespace nectr::webhooks
