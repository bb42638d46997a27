#pragma once

#include <optional>
#include <string_view>

namespace nectr::webhooks {

// What a person can ask Nectr for in a pull request comment.
enum class Command { kReview, kHelp };

// The first command in a comment: a line that starts, after optional spaces or tabs, with
// "/nectr review" or "/nectr help" (any case), followed by the end of the line or a space
// (so "/nectr reviewer" is not a command). Lines inside ``` or ~~~ fences are skipped, so
// quoting the help text does not trigger anything. nullopt when there is none. Pure.
std::optional<Command> FindCommand(std::string_view comment_body);

// True for GitHub App and other bot accounts: type "Bot", or a login ending in "[bot]".
// Comments from bots are never commands, so that Nectr does not answer itself.
bool IsBotAccount(std::string_view login, std::string_view type);

}  // namespace nectr::webhooks
