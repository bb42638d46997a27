#include "memory/memory_store.hpp"

#include <algorithm>
#include <limits>

#include "memory/memory_rows.hpp"
#include "memory/ranking.hpp"
#include "memory/text.hpp"
#include "store/sql.hpp"

namespace nectr::memory {
namespace {

using core::Errc;

// How many candidates a search ranks for each result it returns, and at most.
constexpr std::int64_t kCandidatesPerResult = 5;
constexpr std::int64_t kMaxCandidates = 200;
// How many look-alikes Add compares word by word before deciding a memory is new.
constexpr std::int64_t kDedupCandidates = 50;
// What a memory said again gains in confidence.
constexpr double kReinforcement = 0.1;

std::string_view Trim(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

core::Result<void> ValidateContent(std::string_view content) {
    if (Trim(content).empty()) {
        return core::MakeError(Errc::kInvalidInput, "a memory's content must not be empty");
    }
    if (content.size() > kMaxContentBytes) {
        return core::MakeError(
            Errc::kInvalidInput,
            "a memory's content must be at most " + std::to_string(kMaxContentBytes) + " bytes");
    }
    return {};
}

core::Result<void> ValidateConfidence(double confidence) {
    if (!(confidence >= 0.0 && confidence <= 1.0)) {  // NaN fails too
        return core::MakeError(Errc::kInvalidInput, "confidence must be between 0 and 1");
    }
    return {};
}

core::Result<void> ValidateLimit(std::int64_t limit) {
    if (limit < 1 || limit > kMaxPage) {
        return core::MakeError(Errc::kInvalidInput,
                               "limit must be from 1 to " + std::to_string(kMaxPage));
    }
    return {};
}

store::Value OptionalText(const std::optional<std::string>& text) {
    return text ? store::Value(*text) : store::Null();
}

store::Value OptionalInt(const std::optional<std::int64_t>& number) {
    return number ? store::Value(*number) : store::Null();
}

// The memory of the same repository, scope, developer and type that says what `content`
// says, if one exists; the closest one when several do.
core::Result<std::optional<Memory>> FindSame(store::Connection& conn, store::Engine engine,
                                             const NewMemory& memory, std::string_view content,
                                             const std::string& normalized) {
    const std::string developer = memory.developer_login.value_or("");
    const std::string scope(ScopeName(memory.scope));
    const std::string type(TypeName(memory.type));
    const store::Value exact[] = {memory.repo_full_name, scope, developer, type, normalized};
    core::Result<store::Rows> rows = conn.Execute(store::sql::kMemoryFindNormalized, exact);
    if (!rows) {
        return rows.error();
    }
    if (!rows->empty()) {
        core::Result<Memory> found = MemoryFromRow(*rows, 0);
        if (!found) {
            return found.error();
        }
        return std::optional<Memory>(std::move(*found));
    }
    const std::vector<std::string> terms = SearchTerms(content);
    if (terms.empty()) {
        return std::optional<Memory>();
    }
    const store::Value similar[] = {
        memory.repo_full_name, MatchExpression(engine, terms), scope, developer, type,
        kDedupCandidates};
    rows = conn.Execute(store::sql::kMemorySimilar, similar);
    if (!rows) {
        return rows.error();
    }
    core::Result<std::vector<Memory>> candidates = MemoriesFromRows(*rows);
    if (!candidates) {
        return candidates.error();
    }
    const std::set<std::string> words = ContentWords(content);
    std::optional<Memory> best;
    double best_similarity = kSameMemorySimilarity;
    for (Memory& candidate : *candidates) {
        const double similarity = Jaccard(words, ContentWords(candidate.content));
        const bool closer = similarity > best_similarity ||
                            (similarity == best_similarity && (!best || candidate.id < best->id));
        if (closer) {
            best_similarity = similarity;
            best = std::move(candidate);
        }
    }
    return best;
}

core::Result<void> Rewrite(store::Connection& conn, const Memory& memory) {
    const store::Value params[] = {memory.id,
                                   memory.content,
                                   NormalizeText(memory.content),
                                   std::string(TypeName(memory.type)),
                                   memory.confidence,
                                   memory.updated_at};
    core::Result<store::Rows> updated = conn.Execute(store::sql::kMemoryUpdate, params);
    if (!updated) {
        return updated.error();
    }
    if (updated->affected_rows == 0) {
        return core::MakeError(Errc::kNotFound, "memory not found");
    }
    return {};
}

core::Result<std::int64_t> Insert(store::Connection& conn, const NewMemory& memory,
                                  const std::string& content, const std::string& normalized,
                                  std::int64_t now_ms) {
    const store::Value params[] = {memory.repo_full_name,
                                   std::string(ScopeName(memory.scope)),
                                   OptionalText(memory.developer_login),
                                   std::string(TypeName(memory.type)),
                                   content,
                                   normalized,
                                   std::string(SourceName(memory.source)),
                                   OptionalInt(memory.source_review_id),
                                   OptionalText(memory.source_ref),
                                   memory.confidence,
                                   now_ms,
                                   OptionalInt(memory.created_by_user_id)};
    core::Result<store::Rows> rows = conn.Execute(store::sql::kMemoryInsert, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(Errc::kInternal, "storing a memory returned no id");
    }
    return store::AsInt(rows->rows.front().front()).value_or(0);
}

Memory Inserted(const NewMemory& memory, std::int64_t id, std::string content, std::int64_t now) {
    Memory stored;
    stored.id = id;
    stored.repo_full_name = memory.repo_full_name;
    stored.scope = memory.scope;
    stored.developer_login = memory.developer_login;
    stored.type = memory.type;
    stored.content = std::move(content);
    stored.source = memory.source;
    stored.source_review_id = memory.source_review_id;
    stored.source_ref = memory.source_ref;
    stored.confidence = memory.confidence;
    stored.created_at = now;
    stored.updated_at = now;
    stored.created_by_user_id = memory.created_by_user_id;
    return stored;
}

// `existing` told again: the longer content (the newer on a tie) and more confidence.
Memory Reinforced(Memory existing, const std::string& content, double confidence,
                  std::int64_t now) {
    if (content.size() >= existing.content.size()) {
        existing.content = content;
    }
    existing.confidence = std::min(1.0, std::max(existing.confidence, confidence) + kReinforcement);
    existing.updated_at = now;
    return existing;
}

}  // namespace

core::Result<void> ValidateNewMemory(const NewMemory& memory) {
    if (memory.repo_full_name.empty()) {
        return core::MakeError(Errc::kInvalidInput, "a memory needs a repository");
    }
    if (core::Result<void> content = ValidateContent(memory.content); !content) {
        return content;
    }
    if (core::Result<void> confidence = ValidateConfidence(memory.confidence); !confidence) {
        return confidence;
    }
    const bool has_login = memory.developer_login && !memory.developer_login->empty();
    if (memory.scope == MemoryScope::kDeveloper && !has_login) {
        return core::MakeError(Errc::kInvalidInput, "a developer memory needs the developer");
    }
    if (memory.scope == MemoryScope::kRepository && memory.developer_login) {
        return core::MakeError(Errc::kInvalidInput,
                               "a repository memory names no developer: use scope developer");
    }
    return {};
}

MemoryStore::MemoryStore(store::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

std::int64_t MemoryStore::NowMs() const { return core::ToUnixMillis(clock_.Now()); }

core::Result<AddResult> MemoryStore::Add(const NewMemory& memory) {
    if (core::Result<void> valid = ValidateNewMemory(memory); !valid) {
        return valid.error();
    }
    const std::string content(Trim(memory.content));
    const std::string normalized = NormalizeText(content);
    const std::int64_t now = NowMs();
    const store::Engine engine = db_.GetEngine();
    AddResult result;
    core::Result<void> written = store::InTransaction(db_, [&](store::Connection& conn) {
        const store::Value lock[] = {memory.repo_full_name};
        if (core::Result<store::Rows> locked =
                conn.Execute(store::sql::kMemoryLockRepository, lock);
            !locked) {
            return core::Result<void>(locked.error());
        }
        core::Result<std::optional<Memory>> same =
            FindSame(conn, engine, memory, content, normalized);
        if (!same) {
            return core::Result<void>(same.error());
        }
        if (*same) {
            result.memory = Reinforced(std::move(**same), content, memory.confidence, now);
            result.deduplicated = true;
            return Rewrite(conn, result.memory);
        }
        core::Result<std::int64_t> id = Insert(conn, memory, content, normalized, now);
        if (!id) {
            return core::Result<void>(id.error());
        }
        result.memory = Inserted(memory, *id, content, now);
        return core::Result<void>();
    });
    if (!written) {
        return written.error();
    }
    return result;
}

core::Result<Memory> MemoryStore::Update(std::int64_t id, const MemoryChanges& changes) {
    if (!changes.content && !changes.type && !changes.confidence) {
        return core::MakeError(Errc::kInvalidInput, "nothing to change");
    }
    if (changes.content) {
        if (core::Result<void> valid = ValidateContent(*changes.content); !valid) {
            return valid.error();
        }
    }
    if (changes.confidence) {
        if (core::Result<void> valid = ValidateConfidence(*changes.confidence); !valid) {
            return valid.error();
        }
    }
    core::Result<Memory> memory = Get(id);
    if (!memory) {
        return memory.error();
    }
    if (changes.content) {
        memory->content = std::string(Trim(*changes.content));
    }
    memory->type = changes.type.value_or(memory->type);
    memory->confidence = changes.confidence.value_or(memory->confidence);
    memory->updated_at = NowMs();
    core::Result<store::PooledConnection> conn = db_.Acquire();
    if (!conn) {
        return conn.error();
    }
    if (core::Result<void> written = Rewrite(**conn, *memory); !written) {
        return written.error();
    }
    return memory;
}

core::Result<void> MemoryStore::Delete(std::int64_t id) {
    const store::Value params[] = {id};
    core::Result<store::Rows> deleted = store::Execute(db_, store::sql::kMemoryDelete, params);
    if (!deleted) {
        return deleted.error();
    }
    if (deleted->affected_rows == 0) {
        return core::MakeError(Errc::kNotFound, "memory not found");
    }
    return {};
}

core::Result<Memory> MemoryStore::Get(std::int64_t id) {
    const store::Value params[] = {id};
    core::Result<store::Rows> rows = store::Execute(db_, store::sql::kMemoryGet, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(Errc::kNotFound, "memory not found");
    }
    return MemoryFromRow(*rows, 0);
}

core::Result<MemoryPage> MemoryStore::List(std::string_view repo_full_name,
                                           const MemoryFilter& filter) {
    if (core::Result<void> valid = ValidateLimit(filter.limit); !valid) {
        return valid.error();
    }
    // One row more than the page tells whether another page follows.
    const store::Value params[] = {
        std::string(repo_full_name),
        filter.type ? std::string(TypeName(*filter.type)) : std::string(),
        filter.scope ? std::string(ScopeName(*filter.scope)) : std::string(),
        filter.developer_login.value_or(""),
        filter.before_id.value_or(std::numeric_limits<std::int64_t>::max()),
        filter.limit + 1};
    core::Result<store::Rows> rows = store::Execute(db_, store::sql::kMemoryList, params);
    if (!rows) {
        return rows.error();
    }
    core::Result<std::vector<Memory>> memories = MemoriesFromRows(*rows);
    if (!memories) {
        return memories.error();
    }
    MemoryPage page;
    page.memories = std::move(*memories);
    if (page.memories.size() > static_cast<std::size_t>(filter.limit)) {
        page.memories.resize(static_cast<std::size_t>(filter.limit));
        page.next_before_id = page.memories.back().id;
    }
    return page;
}

core::Result<std::vector<ScoredMemory>> MemoryStore::Search(std::string_view repo_full_name,
                                                            std::string_view query,
                                                            const SearchOptions& options) {
    if (core::Result<void> valid = ValidateLimit(options.limit); !valid) {
        return valid.error();
    }
    const std::vector<std::string> terms = SearchTerms(query);
    if (terms.empty()) {
        return std::vector<ScoredMemory>();
    }
    const store::Value params[] = {
        std::string(repo_full_name), MatchExpression(db_.GetEngine(), terms),
        options.developer_login.value_or(""),
        options.type ? std::string(TypeName(*options.type)) : std::string(),
        std::min(kMaxCandidates, options.limit * kCandidatesPerResult)};
    core::Result<store::Rows> rows = store::Execute(db_, store::sql::kMemorySearch, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<SearchCandidate> candidates;
    candidates.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        core::Result<Memory> memory = MemoryFromRow(*rows, i);
        if (!memory) {
            return memory.error();
        }
        candidates.push_back({std::move(*memory), RelevanceAt(*rows, i).value_or(0)});
    }
    return RankCandidates(std::move(candidates), NowMs(), static_cast<std::size_t>(options.limit));
}

core::Result<std::vector<Memory>> MemoryStore::TopOfType(std::string_view repo_full_name,
                                                         MemoryType type, std::int64_t limit) {
    if (core::Result<void> valid = ValidateLimit(limit); !valid) {
        return valid.error();
    }
    const store::Value params[] = {std::string(repo_full_name), std::string(TypeName(type)), limit};
    core::Result<store::Rows> rows = store::Execute(db_, store::sql::kMemoryOfType, params);
    if (!rows) {
        return rows.error();
    }
    return MemoriesFromRows(*rows);
}

core::Result<void> MemoryStore::MarkUsed(std::span<const std::int64_t> ids) {
    if (ids.empty()) {
        return {};
    }
    const std::int64_t now = NowMs();
    return store::InTransaction(db_, [&](store::Connection& conn) -> core::Result<void> {
        for (const std::int64_t id : ids) {
            const store::Value params[] = {id, now};
            if (core::Result<store::Rows> touched = conn.Execute(store::sql::kMemoryTouch, params);
                !touched) {
                return touched.error();
            }
        }
        return {};
    });
}

}  // namespace nectr::memory
