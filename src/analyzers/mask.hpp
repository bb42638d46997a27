#pragma once

#include <string>
#include <string_view>

namespace nectr::analyzers {

// A form of a secret that is safe to show: at most its first 4 characters, then "…" and its
// length, e.g. "ghp_…(40 chars)". Values shorter than 16 characters keep no character at all
// ("…(9 chars)"), because a prefix of a short password gives too much of it away. The length
// counts bytes. Never throws.
std::string MaskSecret(std::string_view value);

}  // namespace nectr::analyzers
