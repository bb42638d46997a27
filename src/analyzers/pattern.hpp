#pragma once

#include <re2/re2.h>

#include <memory>
#include <string_view>

namespace nectr::analyzers {

// Compiles one of the analyzers' own patterns with the options they all share: bytes as
// Latin-1 (a diff may hold any bytes, and the patterns are ASCII), no logging to stderr.
// Aborts on a pattern that does not compile: the patterns are constants, so that is a bug.
std::unique_ptr<RE2> CompilePattern(std::string_view pattern);

}  // namespace nectr::analyzers
