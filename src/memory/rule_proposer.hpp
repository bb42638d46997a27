#pragma once

// Memories a review suggests without a model: instructions the pull request's description
// states as rules ("we always ...", "never ...", "please don't ..."), categories of comments
// that keep coming back (a convention of the repository), and what the author's changes
// keep needing (a habit of that developer). Pure; deterministic.
#include <string>
#include <string_view>
#include <vector>

#include "memory/proposal.hpp"

namespace nectr::memory {

// Confidence of each kind of proposal: a rule stated by the team is trusted more than a
// pattern inferred from one review.
inline constexpr double kStatedRuleConfidence = 0.6;
inline constexpr double kConventionConfidence = 0.4;
inline constexpr double kHabitConfidence = 0.4;

// Comments of one category in one review that make a convention, and comments of medium
// severity or more that make a habit of the author.
inline constexpr int kConventionRepeats = 3;
inline constexpr int kHabitRepeats = 2;

// ADD proposals from `facts`; at most 5 stated rules. Deduplication against what is stored
// happens when they are applied.
std::vector<MemoryProposal> ProposeMemories(const ReviewFacts& facts);

// The sentences of a pull request description that state a standing rule, cleaned up as
// memory content ("We always squash merges." from "- we always squash merges"). Code
// blocks, HTML comments (templates) and quoted lines are skipped, and so are sentences
// about the change at hand ("please don't merge yet").
std::vector<std::string> StatedRules(std::string_view description);

}  // namespace nectr::memory
