#pragma once

// The JSON bodies the client sends, built from plain values. Pure functions.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "github/types.hpp"

namespace nectr::github {

// POST /repos/{owner}/{repo}/pulls/{n}/reviews. kInvalidInput, before anything is sent, when a
// comment has no path or body, a line below 1, a side other than LEFT or RIGHT (GitHub's
// published description does not constrain the side, so no emulator would catch it), a
// start_side without a start_line, or a start_line that does not come before its line on the
// same side. The event is GitHub's to check.
core::Result<std::string> ReviewRequestBody(const NewReview& review);

// {"body": ...}
std::string IssueCommentRequestBody(std::string_view body);
// {"content": ...}
std::string ReactionRequestBody(std::string_view content);
// POST /repos/{owner}/{repo}/hooks (`for_create`, with "name": "web") and PATCH of one hook.
// kInvalidInput when the URL is empty or there are no events.
core::Result<std::string> WebhookRequestBody(const WebhookSpec& spec, bool for_create);
// PATCH of one hook that adds events to those it has and changes nothing else. kInvalidInput
// when there are none.
core::Result<std::string> AddWebhookEventsBody(const std::vector<std::string>& events);

}  // namespace nectr::github
