#pragma once

#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// Appends a "conflict.marker" finding for each merge-conflict block left in the added lines of
// `file` (at its "<<<<<<< " line), and for each "<<<<<<<" or ">>>>>>>" line without a partner.
// A "=======" line counts only between the two, so Markdown and reStructuredText underlines
// are not mistaken for one.
void FindConflictMarkers(const ChangedFile& file, std::vector<Finding>& findings);

}  // namespace nectr::analyzers
