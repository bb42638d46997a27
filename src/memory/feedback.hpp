#pragma once

// Learning from what people say about Nectr's comments: a reply that calls a finding
// intended, or a thumbs-down, records an accepted false positive so that later reviews stop
// raising it; a thumbs-up strengthens the memories behind the comment, or records that such
// findings are welcome. And the check the pipeline makes before it posts a comment. Every call
// blocks on the database: call it from the blocking pool.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "memory/memory_store.hpp"

namespace nectr::memory {

// A reply to a comment Nectr wrote.
struct ReplyFacts {
    std::string comment_body;  // what Nectr wrote
    std::string path;
    std::string category;
    std::string reply;  // what the person answered
    std::string replier_login;
    std::string comment_id;  // GitHub's id of Nectr's comment
};

// A comment Nectr wrote, for reactions to it.
struct CommentFacts {
    std::string body;
    std::string path;
    std::string category;
    std::string comment_id;
};

// Confidence of what feedback records: a reply in words says more than a click.
inline constexpr double kReplyConfidence = 0.9;
inline constexpr double kThumbsDownConfidence = 0.5;
inline constexpr double kThumbsUpPreferenceConfidence = 0.4;
inline constexpr double kThumbsUpBoost = 0.05;
// Accepted false positives below this confidence no longer suppress anything: lowering a
// memory's confidence is how a user turns it off without deleting it.
inline constexpr double kMinSuppressingConfidence = 0.5;

// True when `reply` says the finding is intended or not a problem: "this is intentional",
// "false positive", "by design", "on purpose", "not an issue", "won't fix", ... (ASCII case
// ignored), unless negated ("this is not intentional", "isn't a false positive"). Pure.
bool IsDismissal(std::string_view reply);

// A dismissing reply records an accepted_false_positive of the repository (source feedback,
// source_ref the comment id, confidence kReplyConfidence) describing the finding (its
// category, path pattern and a quote); the same finding dismissed again strengthens that
// memory. nullopt when the reply is no dismissal. kInvalidInput for an empty comment body.
core::Result<std::optional<AddResult>> LearnFromReply(MemoryStore& store,
                                                      std::string_view repo_full_name,
                                                      const ReplyFacts& reply);

enum class ReactionOutcome {
    kIgnored,                // a reaction other than "+1" and "-1"
    kFalsePositiveRecorded,  // "-1"
    kConfidenceRaised,       // "+1": memories the comment matched gained confidence
    kPreferenceRecorded,     // "+1" that matched none: recorded as a preference
};

struct ReactionResult {
    ReactionOutcome outcome = ReactionOutcome::kIgnored;
    std::vector<std::int64_t> memory_ids;  // what was written
};

// "-1" records an accepted_false_positive as LearnFromReply does, at kThumbsDownConfidence.
// "+1" raises by kThumbsUpBoost the confidence of the repository's memories the comment
// applied (at least 60% of a memory's words appear in the comment; accepted false positives
// left out), or, when there is none, records a preference for such findings. GitHub's
// reaction names: anything else is ignored.
core::Result<ReactionResult> LearnFromReaction(MemoryStore& store, std::string_view repo_full_name,
                                               const CommentFacts& comment,
                                               std::string_view reaction);

// The accepted false positive a new comment repeats (MatchesAcceptedFinding, confidence at
// least kMinSuppressingConfidence), best match first; nullopt when there is none. A match is
// recorded as a use of the memory (MarkUsed), so hits show how often it saved a comment.
core::Result<std::optional<std::int64_t>> SuppressionFor(MemoryStore& store,
                                                         std::string_view repo_full_name,
                                                         std::string_view path,
                                                         std::string_view category,
                                                         std::string_view text);

}  // namespace nectr::memory
