#include "index/ranking.hpp"

#include <algorithm>

#include "index/text.hpp"

namespace nectr::index {
namespace {

constexpr std::size_t kSnippetLines = 3;
constexpr std::size_t kSnippetBytes = 300;

double SymbolBoost(std::string_view symbol, const QueryTerms& query) {
    if (symbol.empty()) {
        return 0;
    }
    const std::string folded = FoldIdentifier(symbol);
    if (folded == query.joined || std::find(query.identifiers.begin(), query.identifiers.end(),
                                            folded) != query.identifiers.end()) {
        return kSymbolNamedBoost;
    }
    const std::vector<std::string> words = SplitIdentifier(symbol);
    if (words.size() < 2) {
        return 0;
    }
    for (const std::string& word : words) {
        if (std::find(query.terms.begin(), query.terms.end(), word) == query.terms.end()) {
            return 0;
        }
    }
    return kSymbolWordsBoost;
}

double Rrf(const std::optional<std::size_t>& rank) {
    return rank ? 1.0 / (kRrfK + static_cast<double>(*rank) + 1.0) : 0.0;
}

}  // namespace

std::vector<CodeHit> RankCandidates(std::vector<Candidate> candidates, const QueryTerms& query,
                                    const std::unordered_set<std::int64_t>& near_file_ids,
                                    std::size_t limit) {
    struct Scored {
        double score;
        std::size_t text_rank;
        std::size_t index;
    };
    std::vector<Scored> scored;
    scored.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& c = candidates[i];
        double score = Rrf(c.text_rank) + Rrf(c.vector_rank) + SymbolBoost(c.symbol, query);
        if (near_file_ids.contains(c.file_id)) {
            score += kNearFileBoost;
        }
        scored.push_back(Scored{score, c.text_rank.value_or(candidates.size()), i});
    }
    std::sort(scored.begin(), scored.end(), [&candidates](const Scored& a, const Scored& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        if (a.text_rank != b.text_rank) {
            return a.text_rank < b.text_rank;
        }
        return candidates[a.index].chunk_id < candidates[b.index].chunk_id;
    });
    std::vector<CodeHit> hits;
    for (std::size_t i = 0; i < scored.size() && hits.size() < limit; ++i) {
        Candidate& c = candidates[scored[i].index];
        hits.push_back(CodeHit{std::move(c.path), c.start_line, c.end_line, std::move(c.symbol),
                               scored[i].score, MakeSnippet(c.content, query), c.chunk_id,
                               c.file_id});
    }
    return hits;
}

std::string MakeSnippet(std::string_view content, const QueryTerms& query) {
    const std::vector<std::string_view> lines = SplitLines(content);
    std::size_t best = lines.size();
    std::size_t best_hits = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string lower = ToLower(lines[i]);
        std::size_t hits = 0;
        for (const std::string& term : query.terms) {
            hits += lower.find(term) != std::string::npos ? 1 : 0;
        }
        if (hits > best_hits) {
            best = i;
            best_hits = hits;
        }
    }
    if (best == lines.size()) {
        best = 0;
        while (best < lines.size() && IsBlank(lines[best])) {
            ++best;
        }
    }
    std::string snippet;
    for (std::size_t i = best; i < lines.size() && i < best + kSnippetLines; ++i) {
        if (!snippet.empty()) {
            snippet.push_back('\n');
        }
        std::string_view line = lines[i];
        while (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        snippet.append(line);
    }
    if (snippet.size() > kSnippetBytes) {
        std::size_t cut = kSnippetBytes;
        while (cut > 0 && (static_cast<unsigned char>(snippet[cut]) & 0xC0) == 0x80) {
            --cut;  // not inside a UTF-8 sequence
        }
        snippet.resize(cut);
    }
    return snippet;
}

}  // namespace nectr::index
