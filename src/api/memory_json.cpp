#include "api/memory_json.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "api/json_values.hpp"
#include "api/page_cursor.hpp"
#include "core/time_format.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

// Scores and confidences to three decimals: more digits only show floating-point noise.
double Rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

json::array MemoryList(const std::vector<memory::Memory>& memories) {
    json::array list;
    list.reserve(memories.size());
    for (const memory::Memory& memory : memories) {
        list.push_back(MemoryJson(memory));
    }
    return list;
}

json::value StructureJson(const std::optional<std::vector<memory::DirectorySummary>>& structure) {
    if (!structure) {
        return nullptr;
    }
    json::array list;
    for (const memory::DirectorySummary& directory : *structure) {
        json::array languages;
        for (const auto& [language, files] : directory.languages) {
            languages.push_back(json::object{{"language", language}, {"files", files}});
        }
        list.push_back(json::object{{"directory", directory.directory},
                                    {"files", directory.files},
                                    {"languages", std::move(languages)}});
    }
    return list;
}

json::value HotSpotsJson(const std::optional<std::vector<memory::HotSpot>>& spots) {
    if (!spots) {
        return nullptr;
    }
    json::array list;
    for (const memory::HotSpot& spot : *spots) {
        list.push_back(json::object{{"path", spot.path},
                                    {"language", spot.language},
                                    {"lines", spot.line_count},
                                    {"updated_at", core::FormatUtcMillis(spot.updated_at)}});
    }
    return list;
}

}  // namespace

json::object MemoryJson(const memory::Memory& memory) {
    return json::object{{"id", memory.id},
                        {"repository", memory.repo_full_name},
                        {"scope", memory::ScopeName(memory.scope)},
                        {"developer", JsonOrNull(memory.developer_login)},
                        {"type", memory::TypeName(memory.type)},
                        {"content", memory.content},
                        {"source", memory::SourceName(memory.source)},
                        {"source_review_id", JsonOrNull(memory.source_review_id)},
                        {"source_ref", JsonOrNull(memory.source_ref)},
                        {"confidence", Rounded(memory.confidence)},
                        {"hits", memory.hits},
                        {"created_at", core::FormatUtcMillis(memory.created_at)},
                        {"updated_at", core::FormatUtcMillis(memory.updated_at)},
                        {"last_used_at", JsonTimeOrNull(memory.last_used_at)},
                        {"created_by_user_id", JsonOrNull(memory.created_by_user_id)}};
}

std::string RenderMemoryPage(const memory::MemoryPage& page) {
    json::object body{{"memories", MemoryList(page.memories)}};
    body["next_cursor"] = page.next_before_id ? json::value(EncodePageCursor(*page.next_before_id))
                                              : json::value(nullptr);
    return json::serialize(body);
}

std::string RenderMemorySearch(std::span<const memory::ScoredMemory> found) {
    json::array list;
    list.reserve(found.size());
    for (const memory::ScoredMemory& scored : found) {
        json::object item = MemoryJson(scored.memory);
        item["score"] = Rounded(scored.score);
        list.push_back(std::move(item));
    }
    return json::serialize(json::object{{"memories", std::move(list)}, {"next_cursor", nullptr}});
}

std::string RenderProjectMap(const std::string& repository, const memory::ProjectMap& map) {
    return json::serialize(json::object{{"repository", repository},
                                        {"rules", MemoryList(map.rules)},
                                        {"conventions", MemoryList(map.conventions)},
                                        {"preferences", MemoryList(map.preferences)},
                                        {"structure", StructureJson(map.structure)},
                                        {"hot_spots", HotSpotsJson(map.hot_spots)}});
}

}  // namespace nectr::api
