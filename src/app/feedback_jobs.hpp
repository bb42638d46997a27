#pragma once

// Learning from what people say about Nectr's inline comments, and using what was learnt:
// learn_feedback (a reply in a comment's thread, from its webhook) and poll_feedback (the
// reactions to a review's comments, some hours after it was posted) feed the repository's
// memory; before a review is posted, comments that repeat a finding accepted as intended are
// dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/feedback_schedule.hpp"
#include "app/review_job.hpp"
#include "queue/worker.hpp"
#include "review/review_report.hpp"

namespace nectr::app {

// What an inline comment in Nectr's form says: "**<severity>** · <category>\n\n<text>".
struct NectrComment {
    std::string category;
    std::string text;
};

// nullopt for a comment not in that form (someone else's). Pure.
std::optional<NectrComment> ReadNectrComment(std::string_view body);

queue::JobHandler MakeLearnFeedbackHandler(ReviewServices& services);
queue::JobHandler MakePollFeedbackHandler(ReviewServices& services);

// Drops the comments of `report` that repeat an accepted false positive of the repository,
// saying so in its repairs; returns how many. A memory that cannot be read keeps the comment.
// Blocks.
std::size_t DropAcceptedFalsePositives(store::Database& db, const core::Clock& clock,
                                       const std::string& repository, review::ReviewReport& report);

}  // namespace nectr::app
