#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "entries.hpp"
#include "llm/anthropic_codec.hpp"
#include "llm/json_extract.hpp"
#include "llm/openai_codec.hpp"
#include "review/review_output.hpp"

namespace nectr::fuzz {

void FuzzModelOutput(std::string_view data) {
    static const std::vector<std::string> changed_paths = {"src/app.cpp", "README.md",
                                                           "docs/a b.md"};
    (void)llm::FindJsonObject(data);
    // The provider's HTTP body first, then the text the model wrote.
    (void)llm::DecodeAnthropicResponse(data);
    (void)llm::DecodeOpenAiResponse(data);
    (void)llm::DecodeAnthropicError(429, data);
    (void)llm::DecodeOpenAiError(500, data);
    auto review = review::ParseReviewOutput(data, changed_paths);
    if (!review) {
        return;
    }
    for (const auto& comment : review->comments) {
        NECTR_ASSERT(!comment.body.empty(), "a kept comment has a body");
        NECTR_ASSERT(comment.line > 0, "a kept comment has a line");
        NECTR_ASSERT(review::IsKnownCategory(comment.category), "categories are normalised");
    }
    // What is stored must read back as the same review.
    const std::string stored = review::ReviewOutputToJson(*review);
    auto again = review::ParseReviewOutput(stored, changed_paths);
    NECTR_ASSERT(again.has_value(), "a stored review reads back");
    NECTR_ASSERT(again->comments.size() == review->comments.size(), "no comment is lost");
    NECTR_ASSERT(again->verdict == review->verdict, "the verdict survives");
}

}  // namespace nectr::fuzz
