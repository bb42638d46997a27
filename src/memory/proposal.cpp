#include "memory/proposal.hpp"

namespace nectr::memory {

std::string_view ProposalOpName(ProposalOp op) {
    switch (op) {
        case ProposalOp::kAdd:
            return "ADD";
        case ProposalOp::kUpdate:
            return "UPDATE";
        case ProposalOp::kNoop:
            return "NOOP";
    }
    return "NOOP";
}

}  // namespace nectr::memory
