#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// A file-level "testing.missing-tests" finding when the change adds lines to source files but
// adds or changes no test (IsTestPath), naming up to `max_listed` of those source files; it is
// placed on the first of them. Documentation, configuration, shell scripts and deletions are
// not source changes. nullopt when tests were touched or no source changed.
std::optional<Finding> FindMissingTests(const std::vector<ChangedFile>& files,
                                        std::size_t max_listed);

}  // namespace nectr::analyzers
