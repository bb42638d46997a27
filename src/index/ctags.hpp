#pragma once

// Symbols from universal-ctags: one process tags a whole batch of files, never one per file.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "index/code_model.hpp"

namespace nectr::index {

using core::Result;

// Symbols by the path ctags printed (as it was given).
using SymbolsByPath = std::unordered_map<std::string, std::vector<Symbol>>;

// Runs `ctags --output-format=json --fields=+neKS -L - -f -` once in `root` with `paths`
// (relative to it) on standard input. Blocks. Errors: kNotFound when ctags is not installed,
// kUpstream when it fails. Paths holding a newline cannot be listed and are left out.
Result<SymbolsByPath> RunCtags(const std::string& root, const std::vector<std::string>& paths);

// Parses ctags' JSON lines; lines that are not tags (or not JSON) are skipped. Anonymous
// symbols ("__anon..."), namespaces and packages (kinds namespace, package, packageName) and
// tags with no line are left out; names and other text are made valid UTF-8. Pure.
SymbolsByPath ParseCtagsJson(std::string_view output);

}  // namespace nectr::index
