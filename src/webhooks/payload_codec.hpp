#pragma once

// How a delivery's payload is stored: compressed, with the encoding named in the
// payload_encoding column so that rows written by older builds stay readable.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::webhooks {

class PayloadDictionary;

// zstd at level 1: a 24 KB pull_request shrinks about 10x in about 30 µs, six times faster
// than zlib at its fastest level and a little smaller.
inline constexpr int kPayloadCompressionLevel = 1;

struct EncodedPayload {
    std::string bytes;
    std::string encoding;  // "zstd-dict", "zstd" or "identity"
};

// Compressed with `dictionary` when one is given ("zstd-dict": the frame names the
// dictionary by its zstd id), else alone ("zstd"); the identity encoding if zstd fails.
EncodedPayload EncodePayload(std::string_view payload_json,
                             const PayloadDictionary* dictionary = nullptr);

// Reverses EncodePayload, and reads "zlib" rows of builds before zstd. A "zstd-dict" payload
// needs the dictionary its frame names (PayloadDictionaryId). kInternal when the bytes are
// corrupt, the encoding is unknown or the dictionary is missing or another.
core::Result<std::string> DecodePayload(std::string_view bytes, std::string_view encoding,
                                        const PayloadDictionary* dictionary = nullptr);

// The zstd id of the dictionary a "zstd-dict" payload was compressed with; 0 when the bytes
// name none.
std::uint32_t PayloadDictionaryId(std::string_view bytes);

}  // namespace nectr::webhooks
