#pragma once

#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// Appends a "risky.*" finding (category security) for each added line that calls something
// dangerous in the file's language: eval/exec and dynamic code, unsafe deserialization
// (pickle, yaml.load without a safe loader, ObjectInputStream, unserialize), shell commands
// built from strings (shell=True, os.system, exec.Command("sh", "-c"), Runtime.exec, system()),
// HTML injection sinks (innerHTML, dangerouslySetInnerHTML), SQL built by concatenation or
// formatting, unbounded C string functions, Rust unsafe blocks, TLS verification turned off,
// world-writable permissions and piping a download into a shell. Test files and lines that
// are only a comment are skipped.
void FindRiskyCalls(const ChangedFile& file, std::vector<Finding>& findings);

}  // namespace nectr::analyzers
