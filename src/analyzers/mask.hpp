#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nectr::analyzers {

// A form of a secret that is safe to show: at most its first 4 characters, then "…" and its
// length, e.g. "ghp_…(40 chars)". Values shorter than 16 characters keep no character at all
// ("…(9 chars)"), because a prefix of a short password gives too much of it away. The length
// counts bytes. Never throws.
std::string MaskSecret(std::string_view value);

// `text` with every occurrence of each of `values` replaced by its MaskSecret form, longest
// value first (so that a value inside another is not half masked). Empty values are ignored.
std::string MaskSecretValues(std::string text, std::vector<std::string> values);

}  // namespace nectr::analyzers
