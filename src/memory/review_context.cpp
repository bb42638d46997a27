#include "memory/review_context.hpp"

#include <algorithm>

namespace nectr::memory {

core::Result<std::vector<ScoredMemory>> MemoriesForReview(MemoryStore& store,
                                                          const ReviewContextRequest& request) {
    std::vector<ScoredMemory> chosen;
    const auto limit =
        static_cast<std::size_t>(std::clamp<std::int64_t>(request.limit, 1, kMaxPage));
    const auto contains = [&chosen](std::int64_t id) {
        return std::any_of(chosen.begin(), chosen.end(),
                           [id](const ScoredMemory& m) { return m.memory.id == id; });
    };
    if (request.rules > 0) {
        core::Result<std::vector<Memory>> rules = store.TopOfType(
            request.repo_full_name, MemoryType::kProjectRule, std::min(request.rules, kMaxPage));
        if (!rules) {
            return rules.error();
        }
        for (Memory& rule : *rules) {
            if (chosen.size() < limit) {
                const double confidence = rule.confidence;
                chosen.push_back({std::move(rule), confidence});
            }
        }
    }
    SearchOptions options;
    options.limit = static_cast<std::int64_t>(limit);
    if (!request.author_login.empty()) {
        options.developer_login = request.author_login;
    }
    core::Result<std::vector<ScoredMemory>> found =
        store.Search(request.repo_full_name, request.query_text, options);
    if (!found) {
        return found.error();
    }
    for (ScoredMemory& scored : *found) {
        if (chosen.size() < limit && scored.memory.type != MemoryType::kAcceptedFalsePositive &&
            !contains(scored.memory.id)) {
            chosen.push_back(std::move(scored));
        }
    }
    std::vector<std::int64_t> ids;
    ids.reserve(chosen.size());
    for (const ScoredMemory& scored : chosen) {
        ids.push_back(scored.memory.id);
    }
    if (core::Result<void> marked = store.MarkUsed(ids); !marked) {
        return marked.error();
    }
    return chosen;
}

std::string FormatMemories(std::span<const ScoredMemory> memories) {
    std::string text;
    for (const ScoredMemory& scored : memories) {
        text += "- [" + std::string(TypeName(scored.memory.type)) + "]";
        if (scored.memory.developer_login) {
            text += " (@" + *scored.memory.developer_login + ")";
        }
        text += " " + scored.memory.content + "\n";
    }
    return text;
}

}  // namespace nectr::memory
