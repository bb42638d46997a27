#pragma once

// What one memory is: a sentence Nectr has learnt about a repository (or about one developer
// of it), where it came from, and how far it is trusted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nectr::memory {

enum class MemoryScope { kRepository, kDeveloper };

enum class MemoryType {
    kProjectRule,            // "never log request bodies": stated by the team
    kConvention,             // how the code here is usually written or what reviews keep raising
    kDeveloperHabit,         // what one developer's changes tend to need
    kPreference,             // what reviewers of this repository welcome
    kAcceptedFalsePositive,  // a finding the team accepted as intended: do not raise it again
};

enum class MemorySource { kManual, kReview, kFeedback };

// The names stored in the database and used in the REST API: "repository", "developer";
// "project_rule", "convention", "developer_habit", "preference", "accepted_false_positive";
// "manual", "review", "feedback".
std::string_view ScopeName(MemoryScope scope);
std::string_view TypeName(MemoryType type);
std::string_view SourceName(MemorySource source);

// The inverses, exact (lower case); nullopt for anything else.
std::optional<MemoryScope> ParseScope(std::string_view name);
std::optional<MemoryType> ParseType(std::string_view name);
std::optional<MemorySource> ParseSource(std::string_view name);

struct Memory {
    std::int64_t id = 0;
    std::string repo_full_name;
    MemoryScope scope = MemoryScope::kRepository;
    std::optional<std::string> developer_login;  // set exactly when scope is kDeveloper
    MemoryType type = MemoryType::kConvention;
    std::string content;
    MemorySource source = MemorySource::kManual;
    std::optional<std::int64_t> source_review_id;
    std::optional<std::string> source_ref;  // e.g. the id of the comment it was learnt from
    double confidence = 0.5;                // 0..1
    std::int64_t hits = 0;                  // times it was used
    std::int64_t created_at = 0;            // Unix milliseconds
    std::int64_t updated_at = 0;
    std::optional<std::int64_t> last_used_at;
    std::optional<std::int64_t> created_by_user_id;  // the user who wrote it by hand
};

// A memory found by a search, with its rank: relevance × confidence × recency, in [0, 1].
struct ScoredMemory {
    Memory memory;
    double score = 0;
};

// The most bytes (UTF-8) a memory's content may have: a memory is a sentence or two, and
// every one that is relevant goes into a review's prompt.
inline constexpr std::size_t kMaxContentBytes = 2000;

}  // namespace nectr::memory
