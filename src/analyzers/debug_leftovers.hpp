#pragma once

#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// Appends a "debug.*" finding for each added line that looks left over from debugging, by the
// file's language: console.log and debugger (JavaScript, TypeScript), print, breakpoint() and
// pdb (Python), fmt.Print* outside tests (Go), System.out.println (Java), dbg! and println!
// (Rust), var_dump and dd (PHP), binding.pry (Ruby), and an info-level "debug.todo" for each
// added TODO or FIXME comment. Documentation, configuration and unknown files are not checked;
// print-style rules skip test files, where output is normal.
void FindDebugLeftovers(const ChangedFile& file, std::vector<Finding>& findings);

}  // namespace nectr::analyzers
