#pragma once

// Loading search candidates from the store besides the full-text ranking: chunks by id (for
// vector hits) and the chunks of symbols named in the query.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "index/ranking.hpp"
#include "store/database.hpp"
#include "store/value.hpp"

namespace nectr::index {

using core::Result;

// A row of id, file_id, path, start_line, end_line, symbol, content (the column order of
// every candidate query) as a candidate without ranks.
Candidate CandidateFromRow(const std::vector<store::Value>& row);

// The chunks with these ids. Blocks.
Result<std::vector<Candidate>> LoadCandidates(store::Database& db,
                                              const std::vector<std::int64_t>& chunk_ids);

// Up to `limit` chunks of repository `repository_id` whose symbol has one of `names`
// (exactly, so that the name index serves the lookup). Blocks.
Result<std::vector<Candidate>> LoadNamedCandidates(store::Database& db, std::int64_t repository_id,
                                                   const std::vector<std::string>& names,
                                                   std::size_t limit);

}  // namespace nectr::index
