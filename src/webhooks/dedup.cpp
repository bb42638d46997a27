#include "webhooks/dedup.hpp"

// The state's layout, so that it can live on the stack: xxhash.h keeps it opaque otherwise.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <span>

#include "webhooks/hex.hpp"

namespace nectr::webhooks {

std::string DedupHash(std::string_view event_type, std::string_view payload_json) {
    // Three updates instead of one concatenated string: the payload may be 25 MB.
    XXH3_state_t state;
    XXH3_128bits_reset(&state);
    XXH3_128bits_update(&state, event_type.data(), event_type.size());
    XXH3_128bits_update(&state, "\n", 1);
    XXH3_128bits_update(&state, payload_json.data(), payload_json.size());
    XXH128_canonical_t canonical;  // big-endian bytes: the order xxhsum prints
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(&state));
    return HexEncode(std::span<const unsigned char>(canonical.digest, sizeof canonical.digest));
}

}  // namespace nectr::webhooks
