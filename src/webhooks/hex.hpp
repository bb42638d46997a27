#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::webhooks {

// Lowercase hex of the bytes, two characters per byte. Never fails.
std::string HexEncode(std::span<const unsigned char> bytes);

// Decodes hex of either case into bytes; nullopt for an odd length or a non-hex character.
// Not constant-time: callers decode the attacker's own header, never a secret.
std::optional<std::vector<unsigned char>> HexDecode(std::string_view hex);

}  // namespace nectr::webhooks
