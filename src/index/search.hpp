#pragma once

// Searching a repository's code index: full text (bm25 on SQLite, ts_rank_cd on PostgreSQL)
// fused with optional dense vectors and graph proximity (ranking.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "index/identifiers.hpp"
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
    // When too few chunks hold every word, add chunks that hold any. Right for words a person
    // typed; wrong for an identifier of code, whose words alone ("value", "type") are in most
    // chunks of a large repository and cost a ranking of nearly all of them.
    bool any_word_fallback = true;
};

// The `limit` chunks of repository `repository_id` that best match `query`, best first. The
// query's identifiers are split as the index splits them, so "parse diff hunk" finds
// parseDiffHunk and "parseDiffHunk" finds parse_diff_hunk. Chunks that hold every word of the
// query come first; when they are fewer than `limit`, chunks that hold any word follow (unless
// options.any_word_fallback is off). An
// empty query (no letters or digits) finds nothing. Blocks. Errors: the store's.
Result<std::vector<CodeHit>> SearchCode(store::Database& db, std::int64_t repository_id,
                                        std::string_view query, std::size_t limit,
                                        const SearchOptions& options = {});

enum class MatchMode {
    kAll,  // every group of the query: ("a" OR ("b" AND "c")) AND "d"
    kAny,  // any term: "a" OR "b" OR "c" OR "d"
};

// The full-text expression for the query in the engine's syntax (FTS5 MATCH, or to_tsquery
// with & and |). Terms hold letters and digits only, so quoting them needs no escapes. Pure.
std::string FullTextExpression(store::Engine engine, const QueryTerms& query, MatchMode mode);

}  // namespace nectr::index
