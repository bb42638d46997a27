#pragma once

// The bounded conversation in which a model reviews with tools: it asks for tool calls, Nectr
// runs them and answers, until the model gives its final answer or the step budget is spent.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "llm/message.hpp"
#include "llm/provider.hpp"

namespace nectr::llm {

namespace net = boost::asio;

// Runs one tool call whose name is among the request's tools and whose arguments are a JSON
// object. The text it returns goes back to the model; an error goes back as a failed tool
// result (its detail is what the model reads), so the model can try another way. Taken by
// value: the coroutine frame owns it.
using ToolExecutor = std::function<net::awaitable<core::Result<std::string>>(ToolCall)>;

// One model call of the loop, for persistence (usage, cost, latency per call).
struct CallRecord {
    // 1-based; the closing call (steps or tool output spent) is the one after the last step
    int step = 0;
    std::string model;
    Usage usage;
    double cost_usd = 0;
    bool cost_known = false;
    std::chrono::milliseconds latency{0};
    int attempts = 0;
    StopReason stop_reason = StopReason::kOther;
    std::size_t tool_calls = 0;
};

struct LoopOptions {
    // Model calls allowed to request tools. Once they are spent and the model still asks for
    // tools, one more call is made with tool_choice none and `final_answer_prompt` added to
    // the last turn, so the review ends with an answer built from what was gathered.
    int max_steps = 8;
    std::string final_answer_prompt =
        "You have used every tool call available. Do not call any more tools: give your final "
        "answer now, based on what you have gathered.";
    // A longer tool result is cut (at a UTF-8 boundary) and says so, to protect the budget.
    std::size_t max_tool_result_chars = std::size_t{32} * 1024;
    // All tool results of the conversation together, at most: a model that asks for many
    // files at each step would otherwise send a megabyte back (8 steps of several 32 KB
    // results), past a context window and at that many tokens' price. Once it is spent, the
    // result that reached it is cut, later calls are answered with an error result that says
    // so, and the next model call is the closing one (as when the steps are spent). The
    // review sets it from its part size (review/pipeline.cpp).
    std::size_t max_total_tool_result_chars = std::size_t{160} * 1024;
    // Called after every model call, before the next one, so usage is recorded even when a
    // later call fails.
    std::function<void(const CallRecord&)> on_call;
};

struct LoopResult {
    Completion final;               // the answer; its tool_calls are empty
    std::vector<Message> messages;  // the whole conversation, the final answer last
    std::vector<CallRecord> calls;
    Usage usage;                             // summed over every call
    double cost_usd = 0;                     // summed over every call
    bool cost_known = true;                  // false when any call's model had no known price
    int tool_calls_executed = 0;             // results sent back, errors included
    bool step_limit_reached = false;         // the closing call was needed
    bool tool_output_limit_reached = false;  // max_total_tool_result_chars was spent
};

// Runs the loop. Each tool call becomes a tool result: the executor's text, or an error
// result (is_error) when the tool is not among request.tools, when its arguments are not a
// JSON object, when the executor fails, or when the tool output budget is spent (the
// executor is then not called). The loop ends when an answer has no tool calls,
// or stops at max_tokens (the answer is returned as it is; its stop_reason says so).
// Errors: kInvalidInput when max_steps < 1; any provider error, as is; kUpstream when the
// closing call still asks for tools and says nothing else.
net::awaitable<core::Result<LoopResult>> RunToolLoop(Provider& provider, CompletionRequest request,
                                                     ToolExecutor execute, LoopOptions options);

}  // namespace nectr::llm
