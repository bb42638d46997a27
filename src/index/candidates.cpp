#include "index/candidates.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "store/sql.hpp"

namespace nectr::index {

using store::AsInt;
using store::AsText;

Candidate CandidateFromRow(const std::vector<store::Value>& row) {
    Candidate c;
    c.chunk_id = AsInt(row[0]).value_or(0);
    c.file_id = AsInt(row[1]).value_or(0);
    c.path = AsText(row[2]).value_or("");
    c.start_line = AsInt(row[3]).value_or(0);
    c.end_line = AsInt(row[4]).value_or(0);
    c.symbol = AsText(row[5]).value_or("");
    c.content = AsText(row[6]).value_or("");
    return c;
}

Result<std::vector<Candidate>> LoadCandidates(store::Database& db,
                                              const std::vector<std::int64_t>& chunk_ids) {
    std::vector<Candidate> candidates;
    if (chunk_ids.empty()) {
        return candidates;
    }
    boost::json::array ids;
    for (std::int64_t id : chunk_ids) {
        ids.emplace_back(id);
    }
    const store::Value params[] = {boost::json::serialize(ids)};
    auto rows = store::Execute(db, store::sql::kIndexChunksByIds, params);
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : rows->rows) {
        candidates.push_back(CandidateFromRow(row));
    }
    return candidates;
}

Result<std::vector<Candidate>> LoadNamedCandidates(store::Database& db, std::int64_t repository_id,
                                                   const std::vector<std::string>& names,
                                                   std::size_t limit) {
    std::vector<Candidate> candidates;
    if (names.empty() || limit == 0) {
        return candidates;
    }
    boost::json::array list;
    for (const std::string& name : names) {
        list.emplace_back(name);
    }
    const store::Value params[] = {repository_id, boost::json::serialize(list),
                                   static_cast<std::int64_t>(limit)};
    auto rows = store::Execute(db, store::sql::kIndexChunksOfSymbols, params);
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : rows->rows) {
        candidates.push_back(CandidateFromRow(row));
    }
    return candidates;
}

}  // namespace nectr::index
