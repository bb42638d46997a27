#pragma once

// How a search ranks memories: text relevance × confidence × recency. Pure.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "memory/memory.hpp"
#include "store/database.hpp"

namespace nectr::memory {

// The full-text query that matches any of `terms` (words from SearchTerms), each also as a
// prefix ("pointer" finds "pointers"): FTS5's `"a"* OR "b"*` on SQLite, a tsquery's
// `a:* | b:*` on PostgreSQL. Empty for no terms.
std::string MatchExpression(store::Engine engine, const std::vector<std::string>& terms);

// The weight of a memory last updated or used at `touched_ms`: 1 when fresh, halving its
// distance to one half every kRecencyHalfLifeDays.
inline constexpr double kRecencyHalfLifeDays = 90;
double RecencyWeight(std::int64_t now_ms, std::int64_t touched_ms);

struct SearchCandidate {
    Memory memory;
    double relevance = 0;  // the engine's text score, larger is better
};

// The `limit` best candidates: relevance relative to the best candidate's, × confidence ×
// recency of the later of updated_at and last_used_at; ties go to the newer memory.
std::vector<ScoredMemory> RankCandidates(std::vector<SearchCandidate> candidates,
                                         std::int64_t now_ms, std::size_t limit);

}  // namespace nectr::memory
