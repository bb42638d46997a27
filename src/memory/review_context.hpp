#pragma once

// What a review is told from memory: the repository's standing rules, then the memories that
// relate to the change (its title, description and paths), the author's own included. The
// pipeline's memory ContextSource is a thin wrapper around these. Blocks on the database.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "memory/memory_store.hpp"

namespace nectr::memory {

struct ReviewContextRequest {
    std::string repo_full_name;
    std::string author_login;  // the author's developer memories are included
    std::string query_text;    // title, description and changed paths, for the search
    std::int64_t limit = 15;   // 1..kMaxPage
    std::int64_t rules = 10;   // project rules always included, at most (0..kMaxPage)
};

// The rules (most trusted first), then the search's best matches, each memory once, at most
// `limit` in all; accepted false positives are left out (the pipeline drops those comments
// with SuppressionFor instead). The memories returned are marked as used.
core::Result<std::vector<ScoredMemory>> MemoriesForReview(MemoryStore& store,
                                                          const ReviewContextRequest& request);

// The memories as prompt text, one per line: "- [project_rule] Never log request bodies."
// Pure.
std::string FormatMemories(std::span<const ScoredMemory> memories);

}  // namespace nectr::memory
