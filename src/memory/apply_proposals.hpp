#pragma once

// Turning proposals (rule-based or the model's) into stored memories. Blocks on the
// database: call it from the blocking pool.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "memory/memory_store.hpp"
#include "memory/proposal.hpp"

namespace nectr::memory {

// Where the proposals came from, recorded on what they add.
struct ProposalOrigin {
    MemorySource source = MemorySource::kReview;
    std::optional<std::int64_t> review_id;
    std::optional<std::string> ref;  // e.g. "pr:12"
};

enum class AppliedOutcome {
    kAdded,      // a new memory
    kMerged,     // an ADD that said what a stored memory says: that one was strengthened
    kUpdated,    // an UPDATE rewrote the memory it named
    kUnchanged,  // NOOP
    kRejected,   // unusable (empty content, a developer memory without a login, ...)
};

// "added", "merged", "updated", "unchanged", "rejected".
std::string_view AppliedOutcomeName(AppliedOutcome outcome);

struct AppliedProposal {
    AppliedOutcome outcome = AppliedOutcome::kRejected;
    std::optional<std::int64_t> memory_id;
    std::string detail;  // why it was rejected
};

// Applies each proposal to the memories of `repo_full_name`, in order, one result per
// proposal. ADD goes through MemoryStore::Add (deduplicating). UPDATE rewrites the memory it
// names with the proposal's content and type and the higher of the two confidences; when
// that memory does not exist or belongs to another repository, the proposal is added as new
// instead, so a wrong id can never touch another repository's memories. NOOP changes
// nothing. Errors: the database's; a proposal the store refuses as invalid is reported as
// kRejected and the others still apply.
core::Result<std::vector<AppliedProposal>> ApplyProposals(MemoryStore& store,
                                                          std::string_view repo_full_name,
                                                          std::span<const MemoryProposal> proposals,
                                                          const ProposalOrigin& origin = {});

}  // namespace nectr::memory
