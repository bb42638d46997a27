#pragma once

// Small text helpers shared by the scanners: lines, blanks, UTF-8.
#include <string>
#include <string_view>
#include <vector>

namespace nectr::index {

// The lines of `text` without their '\n' (a trailing "\r" is kept); a final line without a
// newline counts, an empty text has no lines.
std::vector<std::string_view> SplitLines(std::string_view text);

// `text` without leading and trailing whitespace (spaces, tabs, line ends).
std::string_view Trim(std::string_view text);

bool IsBlank(std::string_view line);

// `text` with every byte sequence that is not valid UTF-8 replaced by U+FFFD, so that it can
// be stored as PostgreSQL text and JSON. Valid text is returned unchanged.
std::string MakeValidUtf8(std::string_view text);

// True when `text` is valid UTF-8 (MakeValidUtf8 would not change it).
bool IsValidUtf8(std::string_view text);

// ASCII lowercase.
std::string ToLower(std::string_view text);

}  // namespace nectr::index
