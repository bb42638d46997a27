#pragma once

// Who knows a set of files: the developers who changed them, weighted by how recently and how
// much. Blocks (reads the store).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

// A change counts half as much after this many days, a quarter after twice as many.
inline constexpr double kExpertHalfLifeDays = 90.0;

struct Expert {
    std::string login;  // developers.login
    std::string name;   // git's author name; empty for GitHub users seen only on pull requests
    bool is_github = false;
    double score = 0;
    std::vector<std::string> files;  // of the asked paths, those they changed, sorted
    std::int64_t changes = 0;        // file changes counted
    std::int64_t last_changed_at_ms = 0;
};

// The weight of one change to one file: 0.5^(age / 90 days) * (1 + ln(1 + lines)), where
// lines are those added plus deleted. A change from the future counts as new; a binary file
// (no lines) still counts 1. Pure.
double ChangeWeight(std::int64_t age_ms, std::int64_t lines);

// The developers who changed `paths` in repository `repository_id`, best first (score, then
// login), at most `limit`. Changes are the commits of the imported history and the repository's
// open pull requests (merged ones too while no history is imported). Scores are summed in a
// fixed order, so both engines give the same numbers. Errors: the store's.
core::Result<std::vector<Expert>> Experts(store::Database& db, std::int64_t repository_id,
                                          const std::vector<std::string>& paths,
                                          std::int64_t now_ms, std::size_t limit);

}  // namespace nectr::graph
