#include "memory/ranking.hpp"

#include <algorithm>
#include <cmath>

namespace nectr::memory {

std::string MatchExpression(store::Engine engine, const std::vector<std::string>& terms) {
    std::string expression;
    for (const std::string& term : terms) {
        if (!expression.empty()) {
            expression += engine == store::Engine::kSqlite ? " OR " : " | ";
        }
        // Terms hold no ASCII punctuation (NormalizeText), so neither syntax needs escapes.
        if (engine == store::Engine::kSqlite) {
            expression += "\"" + term + "\"*";
        } else {
            expression += term + ":*";
        }
    }
    return expression;
}

double RecencyWeight(std::int64_t now_ms, std::int64_t touched_ms) {
    constexpr double kMsPerDay = 86'400'000.0;
    const double age_days = std::max(0.0, static_cast<double>(now_ms - touched_ms) / kMsPerDay);
    return 0.5 + 0.5 * std::exp2(-age_days / kRecencyHalfLifeDays);
}

std::vector<ScoredMemory> RankCandidates(std::vector<SearchCandidate> candidates,
                                         std::int64_t now_ms, std::size_t limit) {
    double best = 0;
    for (const SearchCandidate& candidate : candidates) {
        best = std::max(best, candidate.relevance);
    }
    std::vector<ScoredMemory> ranked;
    ranked.reserve(candidates.size());
    for (SearchCandidate& candidate : candidates) {
        const double relevance = best > 0 ? std::max(0.0, candidate.relevance) / best : 1.0;
        const std::int64_t touched =
            std::max(candidate.memory.updated_at, candidate.memory.last_used_at.value_or(0));
        const double score = relevance * std::clamp(candidate.memory.confidence, 0.0, 1.0) *
                             RecencyWeight(now_ms, touched);
        ranked.push_back({std::move(candidate.memory), score});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const ScoredMemory& a, const ScoredMemory& b) {
                         if (a.score != b.score) {
                             return a.score > b.score;
                         }
                         return a.memory.id > b.memory.id;
                     });
    if (ranked.size() > limit) {
        ranked.resize(limit);
    }
    return ranked;
}

}  // namespace nectr::memory
