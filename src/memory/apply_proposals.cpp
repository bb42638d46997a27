#include "memory/apply_proposals.hpp"

#include <algorithm>

namespace nectr::memory {
namespace {

AppliedProposal Rejected(const core::Error& error) {
    return {AppliedOutcome::kRejected, std::nullopt, error.detail};
}

core::Result<AppliedProposal> AddOne(MemoryStore& store, std::string_view repo,
                                     const MemoryProposal& proposal, const ProposalOrigin& origin) {
    NewMemory memory;
    memory.repo_full_name = std::string(repo);
    memory.scope = proposal.scope;
    memory.developer_login = proposal.developer_login;
    memory.type = proposal.type;
    memory.content = proposal.content;
    memory.source = origin.source;
    memory.source_review_id = origin.review_id;
    memory.source_ref = origin.ref;
    memory.confidence = proposal.confidence;
    core::Result<AddResult> added = store.Add(memory);
    if (!added) {
        if (added.error().code == core::Errc::kInvalidInput) {
            return Rejected(added.error());
        }
        return added.error();
    }
    return AppliedProposal{added->deduplicated ? AppliedOutcome::kMerged : AppliedOutcome::kAdded,
                           added->memory.id, ""};
}

// The memory a proposal names, when it exists and belongs to `repo`.
core::Result<std::optional<Memory>> Target(MemoryStore& store, std::string_view repo,
                                           const MemoryProposal& proposal) {
    if (!proposal.target_id) {
        return std::optional<Memory>();
    }
    core::Result<Memory> memory = store.Get(*proposal.target_id);
    if (!memory) {
        if (memory.error().code == core::Errc::kNotFound) {
            return std::optional<Memory>();
        }
        return memory.error();
    }
    if (memory->repo_full_name != repo) {
        return std::optional<Memory>();
    }
    return std::optional<Memory>(std::move(*memory));
}

core::Result<AppliedProposal> ApplyOne(MemoryStore& store, std::string_view repo,
                                       const MemoryProposal& proposal,
                                       const ProposalOrigin& origin) {
    if (proposal.op == ProposalOp::kAdd) {
        return AddOne(store, repo, proposal, origin);
    }
    core::Result<std::optional<Memory>> target = Target(store, repo, proposal);
    if (!target) {
        return target.error();
    }
    if (proposal.op == ProposalOp::kNoop) {
        if (!*target) {
            return AppliedProposal{AppliedOutcome::kRejected, std::nullopt,
                                   "NOOP names no memory of this repository"};
        }
        return AppliedProposal{AppliedOutcome::kUnchanged, (*target)->id, ""};
    }
    if (!*target) {
        return AddOne(store, repo, proposal, origin);
    }
    MemoryChanges changes;
    changes.content = proposal.content;
    changes.type = proposal.type;
    changes.confidence = std::max((*target)->confidence, proposal.confidence);
    core::Result<Memory> updated = store.Update((*target)->id, changes);
    if (!updated) {
        if (updated.error().code == core::Errc::kInvalidInput) {
            return Rejected(updated.error());
        }
        return updated.error();
    }
    return AppliedProposal{AppliedOutcome::kUpdated, updated->id, ""};
}

}  // namespace

std::string_view AppliedOutcomeName(AppliedOutcome outcome) {
    switch (outcome) {
        case AppliedOutcome::kAdded:
            return "added";
        case AppliedOutcome::kMerged:
            return "merged";
        case AppliedOutcome::kUpdated:
            return "updated";
        case AppliedOutcome::kUnchanged:
            return "unchanged";
        case AppliedOutcome::kRejected:
            return "rejected";
    }
    return "rejected";
}

core::Result<std::vector<AppliedProposal>> ApplyProposals(MemoryStore& store,
                                                          std::string_view repo_full_name,
                                                          std::span<const MemoryProposal> proposals,
                                                          const ProposalOrigin& origin) {
    std::vector<AppliedProposal> applied;
    applied.reserve(proposals.size());
    for (const MemoryProposal& proposal : proposals) {
        core::Result<AppliedProposal> one = ApplyOne(store, repo_full_name, proposal, origin);
        if (!one) {
            return one.error();
        }
        applied.push_back(std::move(*one));
    }
    return applied;
}

}  // namespace nectr::memory
