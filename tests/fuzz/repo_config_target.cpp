#include <string_view>

#include "core/error.hpp"
#include "entries.hpp"
#include "review/file_filter.hpp"
#include "review/glob.hpp"
#include "review/repo_config.hpp"

namespace nectr::fuzz {

void FuzzRepoConfig(std::string_view data) {
    auto config = review::ParseRepoConfig(data);
    if (!config) {
        NECTR_ASSERT(!config.error().detail.empty(), "a rejected file is explained");
        return;
    }
    NECTR_ASSERT(config->max_comments >= 1 && config->max_comments <= review::kMaxCommentsLimit,
                 "max_comments is in range");
    NECTR_ASSERT(config->ignore_paths.size() <= review::kMaxIgnorePaths, "ignore_paths is capped");
    NECTR_ASSERT(config->instructions.size() <= review::kMaxInstructionsBytes,
                 "instructions are capped");
    // The globs go straight to the matcher for every changed path.
    for (const auto& glob : config->ignore_paths) {
        (void)review::GlobMatch(glob, "src/review/diff_parser.cpp");
        (void)review::PathMatchesGlob(glob, "docs/a b/[x].md");
    }
    (void)review::WhySkipped("vendor/lib/a.min.js", false, *config, "// @generated");
}

}  // namespace nectr::fuzz
