#include "index/search.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/log.hpp"
#include "index/candidates.hpp"
#include "index/identifiers.hpp"
#include "index/vector_search.hpp"
#include "store/sql.hpp"

namespace nectr::index {
namespace {

constexpr std::size_t kMinCandidates = 50;
constexpr std::size_t kMaxNamedChunks = 20;

// Adds `extra` to `candidates`, merging a chunk found already; returns each chunk's index.
std::vector<std::size_t> Merge(std::vector<Candidate>& candidates, std::vector<Candidate> extra) {
    std::unordered_map<std::int64_t, std::size_t> by_chunk;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        by_chunk.emplace(candidates[i].chunk_id, i);
    }
    std::vector<std::size_t> at;
    for (Candidate& candidate : extra) {
        auto found = by_chunk.find(candidate.chunk_id);
        if (found == by_chunk.end()) {
            found = by_chunk.emplace(candidate.chunk_id, candidates.size()).first;
            candidates.push_back(std::move(candidate));
        }
        at.push_back(found->second);
    }
    return at;
}

// Appends the chunks the full-text search finds in `mode` to `candidates`, ranked after those
// already there; chunks found before keep their place.
Result<void> AddTextRanking(store::Database& db, std::int64_t repository_id,
                            const QueryTerms& terms, MatchMode mode, std::size_t wanted,
                            std::vector<Candidate>& candidates) {
    const store::Value params[] = {repository_id, FullTextExpression(db.GetEngine(), terms, mode),
                                   static_cast<std::int64_t>(wanted)};
    auto rows = store::Execute(db, store::sql::kIndexSearch, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<Candidate> found;
    found.reserve(rows->size());
    for (const auto& row : rows->rows) {
        found.push_back(CandidateFromRow(row));
    }
    const std::size_t before = candidates.size();
    const std::vector<std::size_t> at = Merge(candidates, std::move(found));
    std::size_t rank = before;
    for (std::size_t index : at) {
        if (!candidates[index].text_rank) {
            candidates[index].text_rank = rank++;
        }
    }
    return {};
}

// Adds the vector ranking to `candidates`, fetching the chunks it found that full text did
// not. Failures are logged and leave the candidates as they are.
void AddVectorRanking(store::Database& db, std::int64_t repository_id, std::string_view query,
                      std::size_t wanted, Embedder& embedder, std::vector<Candidate>& candidates) {
    auto degrade = [repository_id](const core::Error& error) {
        NECTR_LOG_WARN("index.vector_search_failed", "repository_id={} reason=\"{}\"",
                       repository_id, error.detail);
    };
    auto nearest = NearestChunks(db, repository_id, embedder, query, wanted);
    if (!nearest) {
        degrade(nearest.error());
        return;
    }
    std::vector<std::int64_t> ids;
    for (const VectorMatch& match : *nearest) {
        ids.push_back(match.chunk_id);
    }
    auto fetched = LoadCandidates(db, ids);
    if (!fetched) {
        degrade(fetched.error());
        return;
    }
    // LoadCandidates returns rows in no particular order: rank them by the vector order.
    std::unordered_map<std::int64_t, std::size_t> rank_of;
    for (std::size_t rank = 0; rank < ids.size(); ++rank) {
        rank_of.emplace(ids[rank], rank);
    }
    const std::vector<std::size_t> at = Merge(candidates, std::move(*fetched));
    for (std::size_t index : at) {
        candidates[index].vector_rank = rank_of.at(candidates[index].chunk_id);
    }
}

}  // namespace

std::string FullTextExpression(store::Engine engine, const QueryTerms& query, MatchMode mode) {
    const bool fts5 = engine == store::Engine::kSqlite;
    const std::string any = fts5 ? " OR " : " | ";
    const std::string all = fts5 ? " AND " : " & ";
    auto quoted = [fts5](const std::string& term) {
        const char quote = fts5 ? '"' : '\'';
        return std::string(1, quote) + term + std::string(1, quote);
    };
    auto join = [](const std::vector<std::string>& parts, const std::string& separator) {
        std::string out;
        for (const std::string& part : parts) {
            out += (out.empty() ? "" : separator) + part;
        }
        return out;
    };
    std::vector<std::string> parts;
    if (mode == MatchMode::kAny) {
        for (const std::string& term : query.terms) {
            parts.push_back(quoted(term));
        }
        return join(parts, any);
    }
    for (const std::vector<std::string>& group : query.groups) {
        if (group.size() == 1) {
            parts.push_back(quoted(group.front()));
            continue;
        }
        std::vector<std::string> words;
        for (std::size_t i = 1; i < group.size(); ++i) {
            words.push_back(quoted(group[i]));
        }
        parts.push_back("(" + quoted(group.front()) + any + "(" + join(words, all) + "))");
    }
    return join(parts, all);
}

Result<std::vector<CodeHit>> SearchCode(store::Database& db, std::int64_t repository_id,
                                        std::string_view query, std::size_t limit,
                                        const SearchOptions& options) {
    const QueryTerms terms = AnalyzeQuery(query);
    if (terms.terms.empty() || limit == 0) {
        return std::vector<CodeHit>{};
    }
    const std::size_t wanted =
        std::max(kMinCandidates, limit * std::max<std::size_t>(1, options.candidates_per_hit));
    std::vector<Candidate> candidates;
    if (auto found = AddTextRanking(db, repository_id, terms, MatchMode::kAll, wanted, candidates);
        !found) {
        return found.error();
    }
    // Too few chunks hold every word: those that hold some follow them.
    if (options.any_word_fallback && candidates.size() < limit && terms.groups.size() > 1) {
        if (auto found =
                AddTextRanking(db, repository_id, terms, MatchMode::kAny, wanted, candidates);
            !found) {
            return found.error();
        }
    }
    // The symbols the query names, whether or not their text ranks high: a definition often
    // says its name once where its callers say it many times.
    auto named = LoadNamedCandidates(db, repository_id, SymbolNameVariants(query), kMaxNamedChunks);
    if (!named) {
        return named.error();
    }
    Merge(candidates, std::move(*named));
    if (options.embedder != nullptr) {
        AddVectorRanking(db, repository_id, query, wanted, *options.embedder, candidates);
    }
    return RankCandidates(std::move(candidates), terms, options.near_file_ids, limit);
}

}  // namespace nectr::index
