#pragma once

#include <cstddef>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

struct AnalyzerOptions {
    std::size_t large_file_lines = 1000;     // more added lines than this: "large.added-lines"
    std::size_t large_file_bytes = 1 << 20;  // a bigger new version: "large.file-size"
    bool check_tests = true;                 // report source changes without test changes
    std::size_t max_findings_per_rule = 10;  // per file; the last one says how many were left
    std::size_t max_listed_sources = 5;      // in the missing-tests message
};

// Runs every offline analyzer (secrets, conflict markers, debug leftovers, risky calls, large
// files, missing tests) over the added lines of `files`. Pure and deterministic: no I/O, no
// clock, and the result is ordered by path, line, rule (FindingBefore). Linear in the size of
// the input whatever its content, since every pattern is an RE2 automaton. Safe to call from
// several threads at once. Never throws except std::bad_alloc.
std::vector<Finding> Analyze(const std::vector<ChangedFile>& files,
                             const AnalyzerOptions& options = {});

}  // namespace nectr::analyzers
