#include "llm/tool_loop.hpp"

#include <algorithm>
#include <utility>

#include "core/log.hpp"
#include "llm/json_fields.hpp"

namespace nectr::llm {

namespace {

bool HasTool(const std::vector<ToolSpec>& tools, const std::string& name) {
    return std::any_of(tools.begin(), tools.end(),
                       [&name](const ToolSpec& tool) { return tool.name == name; });
}

std::string ToolNames(const std::vector<ToolSpec>& tools) {
    std::string names;
    for (const auto& tool : tools) {
        names += names.empty() ? "" : ", ";
        names += tool.name;
    }
    return names.empty() ? "(none)" : names;
}

std::string Truncate(std::string text, std::size_t max_chars) {
    if (text.size() <= max_chars) {
        return text;
    }
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // not inside a UTF-8 sequence
    }
    const std::size_t dropped = text.size() - cut;
    text.resize(cut);
    text += "\n[truncated: " + std::to_string(dropped) + " more characters]";
    return text;
}

class Loop {
public:
    Loop(Provider& provider, CompletionRequest request, ToolExecutor execute, LoopOptions options)
        : provider_(provider),
          request_(std::move(request)),
          execute_(std::move(execute)),
          options_(std::move(options)) {}

    net::awaitable<core::Result<LoopResult>> Run() {
        if (options_.max_steps < 1) {
            co_return core::MakeError(core::Errc::kInvalidInput, "max_steps must be at least 1");
        }
        int step = 1;
        for (; step <= options_.max_steps && !OutputBudgetSpent(); ++step) {
            auto completion = co_await Call(step);
            if (!completion) {
                co_return completion.error();
            }
            if (completion->tool_calls.empty() ||
                completion->stop_reason == StopReason::kMaxTokens) {
                co_return Finish(std::move(*completion));
            }
            co_await AnswerToolCalls(*completion);
        }
        auto closed = co_await Close(step);
        co_return closed;
    }

private:
    // The result of one call: refused up front when the model got the call wrong, otherwise
    // whatever the executor says.
    net::awaitable<ToolResult> RunOne(ToolCall call) {
        ToolResult result{call.id, "", true};
        if (!HasTool(request_.tools, call.name)) {
            result.content =
                "Unknown tool \"" + call.name + "\". The tools are: " + ToolNames(request_.tools);
            co_return result;
        }
        if (auto arguments = ParseObject(call.arguments); !arguments) {
            result.content = "The arguments of " + call.name + " are " + arguments.error().detail +
                             ". Call it again with a JSON object that matches its input schema.";
            co_return result;
        }
        if (OutputBudgetSpent()) {
            result.content = "Not run: the tool output allowed in this conversation (" +
                             std::to_string(options_.max_total_tool_result_chars) +
                             " characters) is spent. Give your answer with what you have.";
            co_return result;
        }
        auto output = co_await execute_(std::move(call));
        const std::size_t room = std::min(options_.max_tool_result_chars,
                                          options_.max_total_tool_result_chars - output_chars_);
        if (!output) {
            result.content = Truncate(output.error().detail, room);
        } else {
            result.content = Truncate(std::move(*output), room);
            result.is_error = false;
        }
        output_chars_ += std::min(result.content.size(), room);
        co_return result;
    }

    bool OutputBudgetSpent() const { return output_chars_ >= options_.max_total_tool_result_chars; }

    net::awaitable<core::Result<Completion>> Call(int step) {
        auto completion = co_await provider_.Complete(request_);
        if (!completion) {
            co_return completion.error();
        }
        CallRecord record{step,
                          completion->model,
                          completion->usage,
                          completion->cost_usd,
                          completion->cost_known,
                          completion->latency,
                          completion->attempts,
                          completion->stop_reason,
                          completion->tool_calls.size()};
        result_.usage += record.usage;
        result_.cost_usd += record.cost_usd;
        result_.cost_known = result_.cost_known && record.cost_known;
        if (options_.on_call) {
            options_.on_call(record);
        }
        result_.calls.push_back(std::move(record));
        co_return completion;
    }

    net::awaitable<void> AnswerToolCalls(const Completion& completion) {
        request_.messages.push_back(completion.AsAssistantMessage());
        Message results{Role::kUser, {}};
        for (const auto& call : completion.tool_calls) {
            ToolResult result = co_await RunOne(call);
            NECTR_LOG_DEBUG("llm.tool_call", "tool={} ok={} result_chars={}", call.name,
                            !result.is_error, result.content.size());
            results.content.emplace_back(std::move(result));
            ++result_.tool_calls_executed;
        }
        request_.messages.push_back(std::move(results));
    }

    // The steps or the tool output are spent and the last answer asked for tools, whose
    // results are the last turn: ask for the final answer with tools still defined (the
    // history refers to them) but not callable. `step`: the closing call's, after the last.
    net::awaitable<core::Result<LoopResult>> Close(int step) {
        result_.tool_output_limit_reached = OutputBudgetSpent();
        result_.step_limit_reached = !result_.tool_output_limit_reached;
        request_.messages.back().content.emplace_back(TextBlock{options_.final_answer_prompt});
        request_.tool_choice = ToolChoice::kNone;
        auto completion = co_await Call(step);
        if (!completion) {
            co_return completion.error();
        }
        // A server that ignores tool_choice may still ask for tools: its words are the answer
        // (Finish drops the requests); with no words there is none.
        if (!completion->tool_calls.empty() && completion->text.empty()) {
            co_return core::MakeError(core::Errc::kUpstream,
                                      "the model still asked for tools after " +
                                          (result_.tool_output_limit_reached
                                               ? std::string("its tool output was spent")
                                               : std::to_string(options_.max_steps) + " steps") +
                                          " and gave no answer");
        }
        co_return Finish(std::move(*completion));
    }

    LoopResult Finish(Completion completion) {
        // Requests left here were cut off by max_tokens or made after the budget: none runs.
        completion.tool_calls.clear();
        request_.messages.push_back(completion.AsAssistantMessage());
        result_.messages = std::move(request_.messages);
        result_.final = std::move(completion);
        return std::move(result_);
    }

    Provider& provider_;
    CompletionRequest request_;
    ToolExecutor execute_;
    LoopOptions options_;
    LoopResult result_;
    std::size_t output_chars_ = 0;  // tool result characters sent back so far
};

}  // namespace

net::awaitable<core::Result<LoopResult>> RunToolLoop(Provider& provider, CompletionRequest request,
                                                     ToolExecutor execute, LoopOptions options) {
    Loop loop(provider, std::move(request), std::move(execute), std::move(options));
    auto result = co_await loop.Run();
    co_return result;
}

}  // namespace nectr::llm
