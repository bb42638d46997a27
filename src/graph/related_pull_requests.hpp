#pragma once

// Pull requests that touched the same files as a change. Blocks (reads the store).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

struct RelatedPullRequest {
    int number = 0;
    std::string title;
    std::string state;    // open, closed, merged
    std::string author;   // GitHub login in lower case; empty when unknown
    std::string verdict;  // Nectr's latest; empty when none
    std::optional<std::int64_t> merged_at_ms;
    std::int64_t updated_at_ms = 0;
    std::int64_t overlap = 0;  // how many of the asked paths it touched
};

// The pull requests of repository `repository_id` that touched any of `paths`, except number
// `exclude_number` (the one under review; 0 leaves none out): most overlapping first, then most
// recently updated, then highest number; at most `limit`. Errors: the store's.
core::Result<std::vector<RelatedPullRequest>> RelatedPullRequests(
    store::Database& db, std::int64_t repository_id, const std::vector<std::string>& paths,
    std::size_t limit, int exclude_number = 0);

}  // namespace nectr::graph
