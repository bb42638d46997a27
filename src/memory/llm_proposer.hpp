#pragma once

// Memories proposed by a model after a review: it is shown the review and the memories the
// repository already has that relate to it, and answers which to add, which to update and
// which are already known, as JSON:
//   {"memories":[{"op":"ADD|UPDATE|NOOP","id":12,"type":"convention","content":"..."}]}
// The answer is data: entries that are unusable are counted and dropped, an UPDATE may only
// name a memory it was shown, and the model cannot write accepted false positives (those
// come from people's feedback only).
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "llm/message.hpp"
#include "llm/provider.hpp"
#include "memory/memory.hpp"
#include "memory/proposal.hpp"

namespace nectr::memory {

namespace net = boost::asio;

struct ModelProposals {
    std::vector<MemoryProposal> proposals;
    std::size_t rejected = 0;  // entries of the answer that were dropped
    llm::Usage usage;          // of the model call, for the review's accounting
    double cost_usd = 0;
    std::string model;
};

// Confidence given to what the model proposes: below a rule the team stated.
inline constexpr double kModelConfidence = 0.5;
// The most entries of one answer that are read; the rest count as rejected.
inline constexpr std::size_t kMaxModelProposals = 8;

// The request: the instructions, then the review and `existing` fenced as untrusted data.
// Asks for a JSON object at temperature 0. Pure.
llm::CompletionRequest BuildMemoryRequest(const ReviewFacts& facts,
                                          std::span<const Memory> existing);

// Reads the model's answer (ExtractJsonObject digs the object out of fences and prose).
// A developer_habit concerns the pull request's author. An UPDATE or NOOP naming a memory
// not among `existing` is read as an ADD. kUpstream when there is no JSON object or no
// "memories" array in the answer. Pure.
core::Result<ModelProposals> ParseMemoryAnswer(std::string_view answer, const ReviewFacts& facts,
                                               std::span<const Memory> existing);

// Asks `provider` (BuildMemoryRequest) and parses its answer (ParseMemoryAnswer). Errors: the
// provider's, or kUpstream for an unreadable answer. Never blocks.
net::awaitable<core::Result<ModelProposals>> ProposeMemoriesWithModel(llm::Provider& provider,
                                                                      ReviewFacts facts,
                                                                      std::vector<Memory> existing);

}  // namespace nectr::memory
