#pragma once

// Reading the memory endpoints' query parameters and JSON bodies. Each returns kInvalidInput
// with a message that names the field and what it must be. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"
#include "memory/memory_store.hpp"

namespace nectr::api {

inline constexpr std::int64_t kDefaultMemoryPage = 20;
inline constexpr std::size_t kMaxMemoryQueryBytes = 500;

// GET /api/v1/memory: ?repo= (required), type, scope, developer, q, limit, cursor.
struct MemoryListQuery {
    std::string repository;
    memory::MemoryFilter filter;   // type, scope, developer, limit, before_id
    std::optional<std::string> q;  // set: a ranked search instead of the newest-first list
};

core::Result<MemoryListQuery> ParseMemoryListQuery(const http::Request& request);

// ?repo= of the project map: required.
core::Result<std::string> ParseRequiredRepository(const http::Request& request);

// POST /api/v1/memory:
//   {"repo": "owner/name", "type": "...", "content": "...", "scope"?: "repository" |
//    "developer", "developer"?: "login", "confidence"?: 0..1}
// A developer without a scope means scope "developer". Confidence defaults to
// kManualConfidence: what a person writes down is trusted more than what Nectr infers.
inline constexpr double kManualConfidence = 0.8;
core::Result<memory::NewMemory> ParseNewMemory(std::string_view body);

// PUT /api/v1/memory/{id}: {"content"?, "type"?, "confidence"?}, at least one of them.
core::Result<memory::MemoryChanges> ParseMemoryChanges(std::string_view body);

// A GitHub login: letters, digits and '-', up to 39 characters, or an App's "name[bot]".
bool IsGitHubLogin(std::string_view text);

}  // namespace nectr::api
