#include "memory/project_map.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "store/sql.hpp"

namespace nectr::memory {
namespace {

std::optional<std::string> TextOf(const store::Rows& rows, std::size_t i, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[i][*column]) : std::nullopt;
}

std::optional<std::int64_t> IntOf(const store::Rows& rows, std::size_t i, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[i][*column]) : std::nullopt;
}

std::optional<std::vector<DirectorySummary>> LoadStructure(store::Database& db,
                                                           std::string_view repo) {
    const store::Value params[] = {std::string(repo)};
    core::Result<store::Rows> rows =
        store::Execute(db, store::sql::kMemoryProjectStructure, params);
    if (!rows) {
        NECTR_LOG_WARN("memory.project_structure_failed", "repo={} error=\"{}\"", repo,
                       rows.error().detail);
        return std::nullopt;
    }
    // Rows come ordered by directory, so one pass groups them.
    std::vector<DirectorySummary> directories;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::string directory = TextOf(*rows, i, "directory").value_or("");
        const std::int64_t files = IntOf(*rows, i, "files").value_or(0);
        if (directories.empty() || directories.back().directory != directory) {
            directories.push_back({directory, 0, {}});
        }
        DirectorySummary& summary = directories.back();
        summary.files += files;
        summary.languages.emplace_back(TextOf(*rows, i, "language").value_or(""), files);
    }
    std::stable_sort(
        directories.begin(), directories.end(),
        [](const DirectorySummary& a, const DirectorySummary& b) { return a.files > b.files; });
    return directories;
}

std::optional<std::vector<HotSpot>> LoadHotSpots(store::Database& db, std::string_view repo,
                                                 std::int64_t limit) {
    const store::Value params[] = {std::string(repo), limit};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kMemoryHotSpots, params);
    if (!rows) {
        NECTR_LOG_WARN("memory.hot_spots_failed", "repo={} error=\"{}\"", repo,
                       rows.error().detail);
        return std::nullopt;
    }
    std::vector<HotSpot> spots;
    spots.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        spots.push_back(
            {TextOf(*rows, i, "path").value_or(""), TextOf(*rows, i, "language").value_or(""),
             IntOf(*rows, i, "line_count").value_or(0), IntOf(*rows, i, "updated_at").value_or(0)});
    }
    return spots;
}

}  // namespace

core::Result<ProjectMap> LoadProjectMap(MemoryStore& store, std::string_view repo_full_name,
                                        const ProjectMapLimits& limits) {
    ProjectMap map;
    const std::pair<MemoryType, std::vector<Memory>*> parts[] = {
        {MemoryType::kProjectRule, &map.rules},
        {MemoryType::kConvention, &map.conventions},
        {MemoryType::kPreference, &map.preferences}};
    for (const auto& [type, out] : parts) {
        core::Result<std::vector<Memory>> memories =
            store.TopOfType(repo_full_name, type, limits.memories_per_type);
        if (!memories) {
            return memories.error();
        }
        *out = std::move(*memories);
    }
    map.structure = LoadStructure(store.Db(), repo_full_name);
    map.hot_spots = LoadHotSpots(store.Db(), repo_full_name,
                                 std::clamp<std::int64_t>(limits.hot_spots, 1, kMaxPage));
    return map;
}

}  // namespace nectr::memory
