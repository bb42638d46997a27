#pragma once

// A Provider that answers from a script and keeps every request it was given: for testing
// what sits on top of a provider (the tool loop) without HTTP.
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "llm/provider.hpp"

namespace nectr::llm {

class FakeProvider final : public Provider {
public:
    // Answers in order; once the script is spent, every call fails with kInternal.
    void Push(core::Result<Completion> answer) { script_.push_back(std::move(answer)); }

    net::awaitable<core::Result<Completion>> Complete(CompletionRequest request) override {
        requests.push_back(std::move(request));
        if (script_.empty()) {
            co_return core::MakeError(core::Errc::kInternal, "the fake provider's script is spent");
        }
        auto answer = std::move(script_.front());
        script_.pop_front();
        co_return answer;
    }
    std::string_view Name() const override { return "fake"; }
    const std::string& Model() const override { return model_; }

    std::vector<CompletionRequest> requests;

private:
    std::deque<core::Result<Completion>> script_;
    std::string model_ = "fake-model";
};

// An answer with text only.
inline Completion Answer(std::string text, Usage usage = {}, double cost = 0) {
    Completion completion;
    completion.text = std::move(text);
    completion.stop_reason = StopReason::kEndTurn;
    completion.model = "fake-model";
    completion.usage = usage;
    completion.cost_usd = cost;
    completion.cost_known = true;
    completion.attempts = 1;
    return completion;
}

// An answer that asks for tools.
inline Completion ToolRequest(std::vector<ToolCall> calls, Usage usage = {}, double cost = 0) {
    Completion completion = Answer("", usage, cost);
    completion.stop_reason = StopReason::kToolUse;
    completion.tool_calls = std::move(calls);
    return completion;
}

}  // namespace nectr::llm
