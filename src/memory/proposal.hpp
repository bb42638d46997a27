#pragma once

// What a finished review tells memory: the facts extraction reads, and the memories it
// proposes to add, update or leave as they are.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "memory/memory.hpp"

namespace nectr::memory {

struct ReviewCommentFacts {
    std::string path;
    std::string severity;  // "info", "low", "medium", "high", "critical"
    std::string category;  // "security", "correctness", "performance", ...
    std::string body;
};

// A review as extraction sees it. Everything but the numbers is untrusted text.
struct ReviewFacts {
    std::string repo_full_name;
    std::int64_t pr_number = 0;
    std::string author_login;  // the pull request's author
    std::optional<std::int64_t> review_id;
    std::string pr_title;
    std::string pr_description;
    std::string summary;  // the review's summary
    std::vector<ReviewCommentFacts> comments;
};

enum class ProposalOp { kAdd, kUpdate, kNoop };

// "ADD", "UPDATE", "NOOP".
std::string_view ProposalOpName(ProposalOp op);

struct MemoryProposal {
    ProposalOp op = ProposalOp::kAdd;
    std::optional<std::int64_t> target_id;  // kUpdate, kNoop: the existing memory
    MemoryType type = MemoryType::kConvention;
    MemoryScope scope = MemoryScope::kRepository;
    std::optional<std::string> developer_login;  // set for kDeveloper
    std::string content;
    double confidence = 0.5;
};

}  // namespace nectr::memory
