#pragma once

// The knowledge graph's REST answers: reading their query parameters and writing their JSON.
// Pure.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "graph/experts.hpp"
#include "graph/health.hpp"
#include "graph/related_pull_requests.hpp"
#include "http/message.hpp"

namespace nectr::api {

inline constexpr std::size_t kMaxGraphPaths = 100;
inline constexpr std::size_t kMaxGraphPathBytes = 1024;

// Every `path=` of the query, in order, empty ones skipped. kInvalidInput when there is none,
// more than kMaxGraphPaths, or one longer than kMaxGraphPathBytes.
core::Result<std::vector<std::string>> ParsePathParams(const http::Request& request);

// {"repository", "indexed", "verdict_trend": [{"week_start", "total", "verdicts": {...}}],
//  "hot_files": [...], "bus_factor": [{"directory", "bus_factor", "changes", "developers",
//  "owners"}]}. Times are ISO 8601 UTC.
std::string RenderGraphHealth(const std::string& repository, bool indexed,
                              const graph::HealthReport& report);

// {"repository", "indexed", "paths", "experts": [{"login", "name", "github", "score",
//  "changes", "files", "last_changed_at"}]}; scores rounded to 4 decimals.
std::string RenderGraphExperts(const std::string& repository, bool indexed,
                               const std::vector<std::string>& paths,
                               const std::vector<graph::Expert>& experts);

// {"repository", "indexed", "since", "files": [{"path", "changes", "churn", "authors",
//  "last_changed_at"}]}.
std::string RenderGraphHotFiles(const std::string& repository, bool indexed, std::int64_t since_ms,
                                const std::vector<graph::HotFile>& files);

// {"repository", "indexed", "paths", "pull_requests": [{"number", "title", "state", "author",
//  "verdict", "merged_at", "updated_at", "overlap"}]}.
std::string RenderGraphPullRequests(const std::string& repository, bool indexed,
                                    const std::vector<std::string>& paths,
                                    const std::vector<graph::RelatedPullRequest>& pulls);

}  // namespace nectr::api
