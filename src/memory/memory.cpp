#include "memory/memory.hpp"

#include <array>
#include <utility>

namespace nectr::memory {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> Lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view name) {
    for (const auto& [value, text] : table) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [candidate, text] : table) {
        if (candidate == value) {
            return text;
        }
    }
    return "unknown";
}

constexpr std::array<std::pair<MemoryScope, std::string_view>, 2> kScopes = {{
    {MemoryScope::kRepository, "repository"},
    {MemoryScope::kDeveloper, "developer"},
}};

constexpr std::array<std::pair<MemoryType, std::string_view>, 5> kTypes = {{
    {MemoryType::kProjectRule, "project_rule"},
    {MemoryType::kConvention, "convention"},
    {MemoryType::kDeveloperHabit, "developer_habit"},
    {MemoryType::kPreference, "preference"},
    {MemoryType::kAcceptedFalsePositive, "accepted_false_positive"},
}};

constexpr std::array<std::pair<MemorySource, std::string_view>, 3> kSources = {{
    {MemorySource::kManual, "manual"},
    {MemorySource::kReview, "review"},
    {MemorySource::kFeedback, "feedback"},
}};

}  // namespace

std::string_view ScopeName(MemoryScope scope) { return NameOf(kScopes, scope); }
std::string_view TypeName(MemoryType type) { return NameOf(kTypes, type); }
std::string_view SourceName(MemorySource source) { return NameOf(kSources, source); }

std::optional<MemoryScope> ParseScope(std::string_view name) { return Lookup(kScopes, name); }
std::optional<MemoryType> ParseType(std::string_view name) { return Lookup(kTypes, name); }
std::optional<MemorySource> ParseSource(std::string_view name) { return Lookup(kSources, name); }

}  // namespace nectr::memory
