#include "queue/job.hpp"

#include <fmt/core.h>

#include <array>
#include <utility>

namespace nectr::queue {
namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 5> kStateNames{{
    {JobState::kQueued, "queued"},
    {JobState::kRunning, "running"},
    {JobState::kSucceeded, "succeeded"},
    {JobState::kDead, "dead"},
    {JobState::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view JobStateName(JobState state) {
    for (const auto& [value, name] : kStateNames) {
        if (value == state) {
            return name;
        }
    }
    return "unknown";
}

std::optional<JobState> ParseJobState(std::string_view name) {
    for (const auto& [value, stored] : kStateNames) {
        if (stored == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::string PullRequestName(std::string_view repo_full_name, std::int64_t pr_number) {
    return fmt::format("{}#{}", repo_full_name, pr_number);
}

std::string ReviewCoalesceKey(std::string_view repo_full_name, std::int64_t pr_number) {
    return "review:" + PullRequestName(repo_full_name, pr_number);
}

std::string PullRequestConcurrencyKey(std::string_view repo_full_name, std::int64_t pr_number) {
    return "pr:" + PullRequestName(repo_full_name, pr_number);
}

}  // namespace nectr::queue
