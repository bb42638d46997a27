#pragma once

// GitHub's JSON responses to the plain values of github/types.hpp. Pure functions: the client
// does the I/O and hands the bodies here. Each returns kUpstream when the body is not JSON or
// not the shape GitHub documents for that call (an array where one is listed, an object
// otherwise); fields that are missing or null read as empty.
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "github/types.hpp"

namespace nectr::github {

core::Result<PullRequest> ParsePullRequest(std::string_view body);
core::Result<std::vector<ChangedFile>> ParseChangedFiles(std::string_view body);
// Also kInvalidInput when the path is a directory, symlink or submodule, and kTooLarge when
// GitHub left the content out (files over 1 MB come with encoding "none").
core::Result<FileContent> ParseFileContent(std::string_view body);
core::Result<Tree> ParseTree(std::string_view body);
core::Result<std::vector<Commit>> ParseCommits(std::string_view body);
core::Result<Comparison> ParseComparison(std::string_view body);
core::Result<Review> ParseReview(std::string_view body);
core::Result<std::vector<Review>> ParseReviews(std::string_view body);
core::Result<IssueComment> ParseIssueComment(std::string_view body);
core::Result<std::vector<IssueComment>> ParseIssueComments(std::string_view body);
core::Result<Reaction> ParseReaction(std::string_view body);
core::Result<std::vector<Reaction>> ParseReactions(std::string_view body);
core::Result<PullComment> ParsePullComment(std::string_view body);
core::Result<std::vector<PullComment>> ParsePullComments(std::string_view body);
core::Result<Webhook> ParseWebhook(std::string_view body);
core::Result<std::vector<Webhook>> ParseWebhooks(std::string_view body);
core::Result<std::vector<Repository>> ParseRepositories(std::string_view body);
// Also kUpstream when the token or its expiry is missing.
core::Result<InstallationToken> ParseInstallationToken(std::string_view body);

}  // namespace nectr::github
