#pragma once

// When the reactions to a posted review are read: a poll_feedback job queued some hours after
// the review, once people had time to react (reactions raise no webhook).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::app {

inline constexpr std::string_view kPollFeedbackJob = "poll_feedback";

// Queues the poll_feedback job of the review `github_review_id` just posted on the pull
// request, to run `delay_hours` from now. One per review: a second call for the same review
// (a review job run again after posting) replaces the one still waiting. Blocks.
core::Result<void> SchedulePollFeedback(store::Database& db, const std::string& repository,
                                        int pr_number, std::int64_t github_review_id,
                                        std::optional<std::int64_t> installation_id,
                                        int delay_hours, std::int64_t now_ms);

}  // namespace nectr::app
