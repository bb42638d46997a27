#pragma once

// A summary of what Nectr knows about a repository: its rules and conventions from memory
// and, when the code index has scanned it (migration 0008's files table), its top-level
// structure and the files that changed most recently. Blocks on the database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "memory/memory_store.hpp"

namespace nectr::memory {

struct DirectorySummary {
    std::string directory;  // a top-level directory; "" for the files at the root
    std::int64_t files = 0;
    std::vector<std::pair<std::string, std::int64_t>> languages;  // most files first
};

struct HotSpot {
    std::string path;
    std::string language;
    std::int64_t line_count = 0;
    std::int64_t updated_at = 0;
};

struct ProjectMap {
    std::vector<Memory> rules;        // project_rule, most trusted first
    std::vector<Memory> conventions;  // convention, most trusted first
    std::vector<Memory> preferences;  // preference, most trusted first
    // Empty when the repository was never indexed; nullopt when the index's tables cannot be
    // read (this part is a bonus: its failure is logged and does not fail the map).
    std::optional<std::vector<DirectorySummary>> structure;
    std::optional<std::vector<HotSpot>> hot_spots;
};

struct ProjectMapLimits {
    std::int64_t memories_per_type = 20;  // 1..kMaxPage
    std::int64_t hot_spots = 10;          // 1..kMaxPage
};

// The map of `repo_full_name`. Errors: the memory store's; the index part never fails it.
core::Result<ProjectMap> LoadProjectMap(MemoryStore& store, std::string_view repo_full_name,
                                        const ProjectMapLimits& limits = {});

}  // namespace nectr::memory
