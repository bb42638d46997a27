#pragma once

// Turns a review report into the one GitHub review Nectr posts: inline comments only on lines
// that are in the diff (the rest go into the body with their file and line), committable
// suggestions, and an event chosen by the repository's config, never by the model alone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "github/types.hpp"
#include "review/diff.hpp"
#include "review/diff_anchor.hpp"
#include "review/repo_config.hpp"
#include "review/review_report.hpp"

namespace nectr::review {

struct PostableComment {
    std::string path;
    int line = 0;
    Side side = Side::kRight;
    std::optional<int> start_line;
    std::optional<Side> start_side;
    std::string body;
};

struct PostableReview {
    std::string event;  // "COMMENT", "APPROVE" or "REQUEST_CHANGES"
    std::string body;   // Markdown
    std::vector<PostableComment> comments;
    // For each comment of the report's output, in order: posted inline (true) or in the body.
    std::vector<bool> posted_inline;
};

struct ComposeOptions {
    // A hidden HTML comment that identifies Nectr's review of one commit on GitHub, so that a
    // retried job can find a review it already posted.
    std::string marker;
    // The head an incremental review started from; empty for a full review.
    std::string incremental_from;
};

// "COMMENT" unless the config allows approving (APPROVE) or requesting changes
// (REQUEST_CHANGES) and the verdict is that.
std::string_view ReviewEventFor(Verdict verdict, const RepoConfig& config);

// The marker for a review of `head_sha`: "<!-- nectr:review head=<sha> -->".
std::string ReviewMarker(std::string_view head_sha);
// The marker for the review that comment `comment_id` asked for ("/nectr review"):
// "<!-- nectr:review head=<sha> request=<id> -->". Neither marker contains the other, so a
// requested review is never mistaken for the automatic one of the same commit.
std::string RequestedReviewMarker(std::string_view head_sha, std::int64_t comment_id);

PostableReview ComposeGitHubReview(const ReviewReport& report, const std::vector<FileDiff>& files,
                                   const RepoConfig& config, const ComposeOptions& options);

// The request for GitHub's create-review call; without comments when `with_comments` is false
// (the fallback when GitHub refuses an inline comment).
github::NewReview ToNewReview(const PostableReview& postable, const std::string& head_sha,
                              bool with_comments = true);

// The inline comment's Markdown: severity, category, body, and a ```suggestion block when the
// comment carries one and sits on new lines.
std::string CommentMarkdown(const ReviewComment& comment);

}  // namespace nectr::review
