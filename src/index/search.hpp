#pragma once

// Searching a repository's code index: full text (bm25 on SQLite, ts_rank_cd on PostgreSQL)
// fused with optional dense vectors and graph proximity (ranking.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "index/ranking.hpp"
#include "store/database.hpp"

namespace nectr::index {

using core::Result;

class Embedder;

struct SearchOptions {
    // Files near the change (the knowledge graph's proximity): their chunks rank higher.
    std::unordered_set<std::int64_t> near_file_ids;
    // When set, the query is embedded and compared with the chunks' stored vectors of the
    // embedder's model (vector_search.hpp); hits from both rankings are fused. A failing
    // embedder degrades the search to full text (logged), it does not fail it.
    Embedder* embedder = nullptr;
    // Full-text candidates fetched before fusion, per hit asked for.
    std::size_t candidates_per_hit = 5;
};

// The `limit` chunks of repository `repository_id` that best match `query`, best first. The
// query's identifiers are split as the index splits them, so "parse diff hunk" finds
// parseDiffHunk and "parseDiffHunk" finds parse_diff_hunk; a chunk matches when it holds any
// of the terms. An empty query (no letters or digits) finds nothing. Blocks. Errors: the
// store's.
Result<std::vector<CodeHit>> SearchCode(store::Database& db, std::int64_t repository_id,
                                        std::string_view query, std::size_t limit,
                                        const SearchOptions& options = {});

// The full-text expression for `terms` in the engine's syntax: "a" OR "b" for FTS5,
// 'a' | 'b' for to_tsquery. Pure.
std::string FullTextExpression(store::Engine engine, const std::vector<std::string>& terms);

}  // namespace nectr::index
