#pragma once

// The JSON of the memory endpoints. Times are ISO 8601 UTC. Pure.
#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string>

#include "memory/memory.hpp"
#include "memory/memory_store.hpp"
#include "memory/project_map.hpp"

namespace nectr::api {

// {"id", "repository", "scope", "developer", "type", "content", "source", "source_review_id",
//  "source_ref", "confidence", "hits", "created_at", "updated_at", "last_used_at",
//  "created_by_user_id"}
boost::json::object MemoryJson(const memory::Memory& memory);

// {"memories": [...], "next_cursor": "..." | null}
std::string RenderMemoryPage(const memory::MemoryPage& page);

// {"memories": [... each with "score"], "next_cursor": null}
std::string RenderMemorySearch(std::span<const memory::ScoredMemory> found);

// {"repository", "rules": [...], "conventions": [...], "preferences": [...],
//  "structure": [{"directory", "files", "languages": [{"language", "files"}]}] | null,
//  "hot_spots": [{"path", "language", "lines", "updated_at"}] | null}
std::string RenderProjectMap(const std::string& repository, const memory::ProjectMap& map);

}  // namespace nectr::api
