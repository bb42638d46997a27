#pragma once

// The language of a file from its name, with the analyzers' names so that the files table
// reads the same whoever wrote it: c, cpp, csharp, go, java, kotlin, javascript (also
// TypeScript), php, python, ruby, rust, scala, swift, shell, documentation, config, or "".
#include <string_view>

namespace nectr::index {

std::string_view LanguageOfPath(std::string_view path);

// True for documentation and configuration files: indexed as text windows, not given to ctags
// (whose JSON and YAML parsers would make a symbol of every key).
bool IsProseOrConfig(std::string_view language);

// True for languages whose blocks are delimited by braces, where a symbol's end can be found
// by matching them (symbol_ends.hpp).
bool HasBraceBlocks(std::string_view language);

// The file name extension of `path` as written, without the dot; "" when there is none.
std::string_view ExtensionOf(std::string_view path);

}  // namespace nectr::index
