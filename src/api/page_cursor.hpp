#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::api {

// The `next_cursor` of a list that pages newest first by id: the last id of a page, in
// unpadded base64url so that clients treat it as opaque and it needs no escaping in a URL.
// Pure.
std::string EncodePageCursor(std::int64_t last_id);

// The id a cursor from EncodePageCursor carries. kInvalidInput for anything else (bad
// alphabet, not a positive decimal id). Pure.
core::Result<std::int64_t> DecodePageCursor(std::string_view cursor);

}  // namespace nectr::api
