#include "analyzers/analyze.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "analyzers/conflict_markers.hpp"
#include "analyzers/debug_leftovers.hpp"
#include "analyzers/large_files.hpp"
#include "analyzers/missing_tests.hpp"
#include "analyzers/risky_calls.hpp"
#include "analyzers/secrets.hpp"

namespace nectr::analyzers {
namespace {

// Keeps the first `limit` findings of each rule in each file, and says on the last one kept
// how many more there were, so that a file full of one mistake does not drown the others.
std::vector<Finding> CapPerRule(std::vector<Finding> findings, std::size_t limit) {
    using Key = std::pair<std::string, std::string>;
    std::map<Key, std::size_t> totals;
    for (const Finding& finding : findings) {
        ++totals[{finding.path, finding.rule}];
    }
    std::map<Key, std::size_t> kept;
    std::vector<Finding> capped;
    capped.reserve(findings.size());
    for (Finding& finding : findings) {
        Key key{finding.path, finding.rule};
        std::size_t& count = kept[key];
        if (count >= limit) {
            continue;
        }
        ++count;
        const std::size_t total = totals[key];
        if (count == limit && total > limit) {
            finding.message += " (" + std::to_string(total - limit) +
                               " more like this in this file are not listed.)";
        }
        capped.push_back(std::move(finding));
    }
    return capped;
}

}  // namespace

std::vector<Finding> Analyze(const std::vector<ChangedFile>& files,
                             const AnalyzerOptions& options) {
    std::vector<Finding> findings;
    for (const ChangedFile& file : files) {
        if (file.deleted) {
            continue;
        }
        FindSecrets(file, findings);
        FindConflictMarkers(file, findings);
        FindDebugLeftovers(file, findings);
        FindRiskyCalls(file, findings);
        FindLargeFiles(file, options.large_file_lines, options.large_file_bytes, findings);
    }
    if (options.check_tests) {
        if (auto missing = FindMissingTests(files, options.max_listed_sources)) {
            findings.push_back(std::move(*missing));
        }
    }
    std::stable_sort(findings.begin(), findings.end(), FindingBefore);
    return CapPerRule(std::move(findings), std::max<std::size_t>(options.max_findings_per_rule, 1));
}

}  // namespace nectr::analyzers
