#include "analyzers/missing_tests.hpp"

#include <algorithm>
#include <string>

#include "analyzers/language.hpp"

namespace nectr::analyzers {
namespace {

bool AddsLines(const ChangedFile& file) {
    return !file.deleted && (file.additions > 0 || !file.added_lines.empty());
}

bool IsSource(const ChangedFile& file) {
    const Language language = LanguageOf(file.path);
    return IsCode(language) && language != Language::kShell && !IsTestPath(file.path);
}

}  // namespace

std::optional<Finding> FindMissingTests(const std::vector<ChangedFile>& files,
                                        std::size_t max_listed) {
    std::vector<std::string> sources;
    for (const ChangedFile& file : files) {
        if (!file.binary && IsTestPath(file.path) && (AddsLines(file) || file.deletions > 0)) {
            return std::nullopt;
        }
        if (!file.binary && AddsLines(file) && IsSource(file)) {
            sources.push_back(file.path);
        }
    }
    if (sources.empty()) {
        return std::nullopt;
    }
    std::sort(sources.begin(), sources.end());
    std::string listed;
    for (std::size_t i = 0; i < sources.size() && i < max_listed; ++i) {
        listed += (i == 0 ? "" : ", ") + sources[i];
    }
    if (sources.size() > max_listed) {
        listed += " and " + std::to_string(sources.size() - max_listed) + " more";
    }
    return Finding{"testing.missing-tests",
                   std::string(kCategoryTesting),
                   Severity::kLow,
                   sources.front(),
                   0,
                   "Source code changed (" + listed +
                       ") but no test was added or changed; consider covering the change."};
}

}  // namespace nectr::analyzers
