#include "analyzers/large_files.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace nectr::analyzers {
namespace {

std::string HumanSize(std::size_t bytes) {
    constexpr double kMiB = 1024.0 * 1024.0;
    constexpr double kKiB = 1024.0;
    char text[32];
    const double value = static_cast<double>(bytes);
    if (value >= kMiB) {
        std::snprintf(text, sizeof text, "%.1f MiB", value / kMiB);
    } else if (value >= kKiB) {
        std::snprintf(text, sizeof text, "%.1f KiB", value / kKiB);
    } else {
        std::snprintf(text, sizeof text, "%zu bytes", bytes);
    }
    return text;
}

}  // namespace

void FindLargeFiles(const ChangedFile& file, std::size_t max_lines, std::size_t max_bytes,
                    std::vector<Finding>& findings) {
    if (file.deleted) {
        return;
    }
    const std::size_t added =
        std::max(static_cast<std::size_t>(std::max(file.additions, 0)), file.added_lines.size());
    if (added > max_lines) {
        findings.push_back(Finding{
            "large.added-lines", std::string(kCategoryMaintainability), Severity::kLow, file.path,
            0,
            "This file adds " + std::to_string(added) +
                " lines; a change this large is hard to review well, consider splitting it."});
    }
    if (file.new_size_bytes && *file.new_size_bytes > max_bytes) {
        findings.push_back(
            Finding{"large.file-size", std::string(kCategoryPerformance),
                    file.binary ? Severity::kMedium : Severity::kLow, file.path, 0,
                    "This file is " + HumanSize(*file.new_size_bytes) +
                        "; every clone carries it forever, consider Git LFS or keeping it out of "
                        "the repository."});
    }
}

}  // namespace nectr::analyzers
