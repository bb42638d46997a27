#pragma once

// Small text helpers for protocol fields (HTTP headers, media types, schemes, settings),
// which are ASCII: no locale is consulted.
#include <string>
#include <string_view>

namespace nectr::core {

// `text` with A-Z turned into a-z; other bytes are kept as they are.
std::string AsciiLower(std::string_view text);

// `text` without the spaces and tabs at either end (HTTP's optional whitespace).
std::string_view TrimBlanks(std::string_view text);

}  // namespace nectr::core
