#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace nectr::core {

// Parses the text of a .env file: KEY=VALUE lines, an optional `export ` prefix, # comments
// (whole lines, or after an unquoted value following a space), single quotes (literal) or
// double quotes (understanding \n, \t, \" and \\). A malformed line is a kInvalidInput error
// naming its line number; values are never echoed, since they are often secrets.
Result<std::map<std::string, std::string>> ParseDotenv(std::string_view text);

}  // namespace nectr::core
