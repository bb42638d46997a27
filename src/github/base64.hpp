#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nectr::github {

// Decodes standard base64 as GitHub sends file contents: line breaks and other whitespace
// between the characters are skipped, and so is the two-character text `\n`, which GitHub's
// published API examples write in place of a line break (a backslash is never base64, so this
// cannot change the meaning of real content). nullopt when the text is not base64.
std::optional<std::string> DecodeBase64(std::string_view text);

// Base64url without padding (RFC 4648 section 5), as JSON Web Tokens use it.
std::string EncodeBase64Url(std::string_view bytes);

}  // namespace nectr::github
