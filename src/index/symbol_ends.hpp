#pragma once

// Where a symbol ends, for languages where universal-ctags 5.9 does not say (TypeScript,
// JavaScript, Rust, Kotlin, Swift, ... print no "end"): by matching braces from its first line.
#include <span>
#include <string_view>
#include <vector>

#include "index/code_model.hpp"

namespace nectr::index {

// Sets end_line of each symbol that has none when the file's language has brace blocks: the
// line of the brace that closes the first block opened within a few lines of the symbol's
// start, or the start line itself when a ';' ends the declaration first. Strings, character
// literals and comments are skipped. A symbol whose block cannot be found keeps no end. Pure.
void FillMissingEnds(std::span<const std::string_view> lines, std::string_view language,
                     std::vector<Symbol>& symbols);

}  // namespace nectr::index
