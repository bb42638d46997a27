#pragma once

// What a file imports, read with simple line rules per language; import_resolver.hpp maps each
// target to a file of the repository where it can.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::index {

// The modules `path` imports, as written, in order of appearance and each once:
// - Python: `import a.b, c` -> a.b, c; `from x.y import z` -> x.y; `from . import m` -> .m
// - JavaScript/TypeScript: `import ... from 'x'`, `export ... from 'x'`, `import 'x'`,
//   `require('x')`, `import('x')` -> x
// - Go: `import "x"` and import blocks -> x
// - C/C++: `#include "x.h"` -> x.h, `#include <lib/x.h>` -> lib/x.h
// - Java/Kotlin: `import a.b.C;` -> a.b.C; `import static a.b.C.m;` -> a.b.C
// - Rust: `use a::b::{c, d};` -> a::b; `use a::b::C;` -> a::b::C; `mod m;` -> self::m
// Other languages import nothing here. Pure.
std::vector<std::string> ExtractImports(std::string_view path, std::string_view language,
                                        std::span<const std::string_view> lines);

}  // namespace nectr::index
