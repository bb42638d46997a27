#pragma once

// The memories of repositories in the SQL store: writing them (a memory that says what another
// one already says strengthens that one instead of adding a second), reading, listing and
// ranked search. Every call blocks on the database: call it from the blocking pool.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "memory/memory.hpp"
#include "store/database.hpp"

namespace nectr::memory {

struct NewMemory {
    std::string repo_full_name;
    MemoryScope scope = MemoryScope::kRepository;
    std::optional<std::string> developer_login;  // required for kDeveloper, refused otherwise
    MemoryType type = MemoryType::kConvention;
    std::string content;
    MemorySource source = MemorySource::kManual;
    std::optional<std::int64_t> source_review_id;
    std::optional<std::string> source_ref;
    double confidence = 0.5;
    std::optional<std::int64_t> created_by_user_id;
};

struct AddResult {
    Memory memory;              // as stored now
    bool deduplicated = false;  // true: an existing memory was strengthened instead
};

// What an update changes; what is unset stays.
struct MemoryChanges {
    std::optional<std::string> content;
    std::optional<MemoryType> type;
    std::optional<double> confidence;
};

struct MemoryFilter {
    std::optional<MemoryType> type;
    std::optional<MemoryScope> scope;
    std::optional<std::string> developer_login;
    std::int64_t limit = 50;                // 1..kMaxPage
    std::optional<std::int64_t> before_id;  // the page after this id (newest first)
};

struct MemoryPage {
    std::vector<Memory> memories;
    std::optional<std::int64_t> next_before_id;  // set when another page follows
};

struct SearchOptions {
    std::int64_t limit = 10;  // 1..kMaxPage
    // Set: the repository's memories and this developer's; unset: every scope.
    std::optional<std::string> developer_login;
    std::optional<MemoryType> type;
};

inline constexpr std::int64_t kMaxPage = 100;

class MemoryStore {
public:
    // `db` and `clock` must outlive the store.
    MemoryStore(store::Database& db, const core::Clock& clock);

    // Stores a memory, or strengthens the memory of the same repository, scope, developer and
    // type that says the same thing (equal normalized text, or content words with a Jaccard
    // similarity of at least 0.8): that one keeps the longer content (the new one on a tie),
    // gains confidence (the higher of the two plus 0.1, at most 1) and a new updated_at.
    // Writers of one repository are serialised, so two at once cannot store a pair.
    // kInvalidInput: an empty repository or content, content over kMaxContentBytes, a
    // confidence outside 0..1, a developer scope without a login or a login without it.
    core::Result<AddResult> Add(const NewMemory& memory);

    // Applies `changes` to memory `id` and returns it as stored. kNotFound for no such id;
    // kInvalidInput as for Add, or when nothing is to change.
    core::Result<Memory> Update(std::int64_t id, const MemoryChanges& changes);

    // Forgets memory `id`. kNotFound for no such id.
    core::Result<void> Delete(std::int64_t id);

    // Memory `id`. kNotFound for no such id.
    core::Result<Memory> Get(std::int64_t id);

    // A page of the repository's memories, newest first. kInvalidInput for a limit outside
    // 1..kMaxPage.
    core::Result<MemoryPage> List(std::string_view repo_full_name, const MemoryFilter& filter);

    // The repository's memories that share words with `query`, best first by text relevance ×
    // confidence × recency (relevance relative to the best match; recency halves its weight
    // after 90 days without an update or use, down to one half). Empty when `query` has no
    // searchable word. kInvalidInput for a limit outside 1..kMaxPage.
    core::Result<std::vector<ScoredMemory>> Search(std::string_view repo_full_name,
                                                   std::string_view query,
                                                   const SearchOptions& options);

    // The repository's memories of `type`, most trusted first (confidence, then uses), at
    // most `limit` (1..kMaxPage).
    core::Result<std::vector<Memory>> TopOfType(std::string_view repo_full_name, MemoryType type,
                                                std::int64_t limit);

    // Records that the memories were used now (in a review's context, or to drop a comment):
    // their hits go up by one and last_used_at is set. Unknown ids are ignored.
    core::Result<void> MarkUsed(std::span<const std::int64_t> ids);

    store::Database& Db() { return db_; }
    std::int64_t NowMs() const;

private:
    store::Database& db_;
    const core::Clock& clock_;
};

// Checks a new memory as Add does, without writing. Pure.
core::Result<void> ValidateNewMemory(const NewMemory& memory);

}  // namespace nectr::memory
