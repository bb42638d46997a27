#pragma once

#include <cstddef>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// Appends a file-level "large.added-lines" finding when `file` adds more than `max_lines`
// lines, and a "large.file-size" one when its new version is larger than `max_bytes` (when the
// size is known). Deleted files are never large.
void FindLargeFiles(const ChangedFile& file, std::size_t max_lines, std::size_t max_bytes,
                    std::vector<Finding>& findings);

}  // namespace nectr::analyzers
