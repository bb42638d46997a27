#pragma once

// The `review` and `help_reply` jobs: fetch the pull request, run the review pipeline, store
// the result, and post one GitHub review per head commit, however often the job is retried.
#include <string>

#include "app/review_services.hpp"
#include "queue/worker.hpp"

namespace nectr::app {

namespace net = boost::asio;

queue::JobHandler MakeReviewJobHandler(ReviewServices& services);
queue::JobHandler MakeHelpReplyHandler(ReviewServices& services);

// The text of the help reply: what the commands do.
std::string HelpReplyText();

}  // namespace nectr::app
