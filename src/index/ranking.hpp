#pragma once

// Ordering search candidates: reciprocal-rank fusion of the full-text ranking with the
// optional dense-vector ranking, plus boosts for a symbol the query names and for files near
// the change (graph proximity). Pure, so that it is tested without a database.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "index/identifiers.hpp"

namespace nectr::index {

struct Candidate {
    std::int64_t chunk_id = 0;
    std::int64_t file_id = 0;
    std::string path;
    std::int64_t start_line = 0;
    std::int64_t end_line = 0;
    std::string symbol;  // "" for a window outside any symbol
    std::string content;
    std::optional<std::size_t> text_rank;    // 0-based place in the full-text ranking
    std::optional<std::size_t> vector_rank;  // 0-based place in the vector ranking
};

struct CodeHit {
    std::string path;
    std::int64_t start_line = 0;
    std::int64_t end_line = 0;
    std::string symbol;
    double score = 0;     // higher is better; comparable within one search only
    std::string snippet;  // the lines of the chunk that match best
    std::int64_t chunk_id = 0;
    std::int64_t file_id = 0;
};

// RRF constant: a candidate at rank r of a ranking earns 1 / (kRrfK + r + 1).
inline constexpr double kRrfK = 60.0;
// A symbol named exactly by the query ("parseDiffHunk", "parse diff hunk") outranks any chunk
// that only matches its words, even one first in the text ranking; a symbol whose words all
// occur in the query ("RunPipeline" for "run review pipeline") earns less.
inline constexpr double kSymbolNamedBoost = 2.0 / kRrfK;
inline constexpr double kSymbolWordsBoost = 0.6 / kRrfK;
// A file near the change (the caller's graph proximity).
inline constexpr double kNearFileBoost = 0.5 / kRrfK;

// The best `limit` candidates as hits, best first; ties go to the earlier text rank, then the
// lower chunk id.
std::vector<CodeHit> RankCandidates(std::vector<Candidate> candidates, const QueryTerms& query,
                                    const std::unordered_set<std::int64_t>& near_file_ids,
                                    std::size_t limit);

// Up to three lines of `content` starting at the first line that holds the most query terms,
// at most 300 bytes; the first non-blank lines when none matches.
std::string MakeSnippet(std::string_view content, const QueryTerms& query);

}  // namespace nectr::index
