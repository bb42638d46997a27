// The tool loop over a scripted provider: what goes back to the model after each tool call,
// how failures become tool results, the step budget, and the usage totals.
#include "llm/tool_loop.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <variant>

#include "fake_provider.hpp"
#include "run_awaitable.hpp"

namespace nectr::llm {
namespace {

const ToolResult& ResultAt(const Message& message, std::size_t index) {
    static const ToolResult kNone{};
    if (index >= message.content.size()) {
        ADD_FAILURE() << "the message has only " << message.content.size() << " blocks";
        return kNone;
    }
    const auto* result = std::get_if<ToolResult>(&message.content[index]);
    if (result == nullptr) {
        ADD_FAILURE() << "block " << index << " is not a tool result";
        return kNone;
    }
    return *result;
}

class ToolLoopTest : public ::testing::Test {
protected:
    ToolLoopTest() {
        request.system = "Review.";
        request.messages.push_back(Message::User("the diff"));
        request.tools.push_back({"read_file", "Reads a file", R"({"type":"object"})"});
        request.tools.push_back({"search_code", "Searches", R"({"type":"object"})"});
    }

    // Answers read_file with "contents of <path>" and fails search_code.
    ToolExecutor Executor() {
        return [this](ToolCall call) -> net::awaitable<core::Result<std::string>> {
            executed.push_back(call.name + " " + call.arguments);
            if (call.name == "search_code") {
                co_return core::MakeError(core::Errc::kUnavailable, "the code index is not built");
            }
            co_return "contents of " + call.arguments;
        };
    }

    core::Result<LoopResult> Run(LoopOptions options = {}) {
        return RunAwaitable(RunToolLoop(provider, request, Executor(), std::move(options)));
    }

    FakeProvider provider;
    CompletionRequest request;
    std::vector<std::string> executed;
};

TEST_F(ToolLoopTest, AnAnswerWithoutToolCallsEndsTheLoopAtOnce) {
    provider.Push(Answer("All good.", Usage{100, 10, 0, 0}, 0.5));
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.text, "All good.");
    EXPECT_EQ(provider.requests.size(), 1u);
    EXPECT_TRUE(executed.empty());
    ASSERT_EQ(result->calls.size(), 1u);
    EXPECT_EQ(result->calls[0].step, 1);
    EXPECT_EQ(result->usage.input_tokens, 100);
    EXPECT_FALSE(result->step_limit_reached);
    ASSERT_EQ(result->messages.size(), 2u);
    EXPECT_EQ(result->messages[1].Text(), "All good.");
}

TEST_F(ToolLoopTest, RunsEachToolCallAndSendsTheResultsBackInOrder) {
    provider.Push(ToolRequest(
        {{"t1", "read_file", R"({"path":"a.cpp"})"}, {"t2", "search_code", R"({"query":"x"})"}},
        Usage{100, 20, 50, 0}, 0.25));
    provider.Push(Answer("Found it.", Usage{200, 30, 0, 10}, 0.5));
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.text, "Found it.");
    EXPECT_EQ(executed, (std::vector<std::string>{R"(read_file {"path":"a.cpp"})",
                                                  R"(search_code {"query":"x"})"}));
    ASSERT_EQ(provider.requests.size(), 2u);
    const auto& second = provider.requests[1].messages;
    ASSERT_EQ(second.size(), 3u);
    EXPECT_EQ(second[1].role, Role::kAssistant);
    ASSERT_EQ(second[1].content.size(), 2u);
    EXPECT_EQ(std::get<ToolCall>(second[1].content[0]).id, "t1");
    EXPECT_EQ(second[2].role, Role::kUser);
    EXPECT_EQ(ResultAt(second[2], 0).tool_call_id, "t1");
    EXPECT_EQ(ResultAt(second[2], 0).content, R"(contents of {"path":"a.cpp"})");
    EXPECT_FALSE(ResultAt(second[2], 0).is_error);
    EXPECT_EQ(ResultAt(second[2], 1).tool_call_id, "t2");
    EXPECT_EQ(ResultAt(second[2], 1).content, "the code index is not built");
    EXPECT_TRUE(ResultAt(second[2], 1).is_error) << "a failing tool tells the model so";
    EXPECT_EQ(provider.requests[1].tools.size(), 2u) << "tools stay offered";
    EXPECT_EQ(provider.requests[1].tool_choice, ToolChoice::kAuto);

    EXPECT_EQ(result->usage.input_tokens, 300);
    EXPECT_EQ(result->usage.output_tokens, 50);
    EXPECT_EQ(result->usage.cache_read_tokens, 50);
    EXPECT_EQ(result->usage.cache_write_tokens, 10);
    EXPECT_DOUBLE_EQ(result->cost_usd, 0.75);
    EXPECT_TRUE(result->cost_known);
    EXPECT_EQ(result->tool_calls_executed, 2);
    ASSERT_EQ(result->calls.size(), 2u);
    EXPECT_EQ(result->calls[0].tool_calls, 2u);
    EXPECT_EQ(result->calls[1].step, 2);
    EXPECT_EQ(result->messages.size(), 4u);
}

TEST_F(ToolLoopTest, AnUnknownToolIsAnErrorResultAndNeverExecuted) {
    provider.Push(ToolRequest({{"t1", "delete_repository", "{}"}}));
    provider.Push(Answer("Sorry."));
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_TRUE(executed.empty());
    const ToolResult& told = ResultAt(provider.requests[1].messages[2], 0);
    EXPECT_TRUE(told.is_error);
    EXPECT_EQ(told.content,
              "Unknown tool \"delete_repository\". The tools are: read_file, search_code");
}

TEST_F(ToolLoopTest, ArgumentsThatAreNotAnObjectAreAnErrorResult) {
    provider.Push(ToolRequest(
        {{"t1", "read_file", "{\"path\": \"a.cpp\""}, {"t2", "read_file", "[\"a.cpp\"]"}}));
    provider.Push(Answer("Retrying is up to me."));
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_TRUE(executed.empty());
    const Message& results = provider.requests[1].messages[2];
    EXPECT_TRUE(ResultAt(results, 0).is_error);
    EXPECT_NE(ResultAt(results, 0).content.find("not valid JSON"), std::string::npos);
    EXPECT_TRUE(ResultAt(results, 1).is_error);
    EXPECT_NE(ResultAt(results, 1).content.find("not a JSON object"), std::string::npos);
}

TEST_F(ToolLoopTest, ALongToolResultIsCutAndSaysSo) {
    provider.Push(ToolRequest({{"t1", "read_file", R"({"path":"big"})"}}));
    provider.Push(Answer("ok"));
    LoopOptions options;
    options.max_tool_result_chars = 10;
    auto result = Run(options);
    ASSERT_TRUE(result) << result.error().detail;
    const std::string& content = ResultAt(provider.requests[1].messages[2], 0).content;
    EXPECT_EQ(content.substr(0, 10), "contents o");
    EXPECT_NE(content.find("[truncated: "), std::string::npos) << content;
}

TEST_F(ToolLoopTest, ASpentBudgetAsksForTheFinalAnswerWithoutTools) {
    LoopOptions options;
    options.max_steps = 2;
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}, Usage{10, 1, 0, 0}));
    provider.Push(ToolRequest({{"t2", "read_file", "{}"}}, Usage{10, 1, 0, 0}));
    provider.Push(Answer("Final, from what I saw.", Usage{10, 1, 0, 0}));
    auto result = Run(options);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.text, "Final, from what I saw.");
    EXPECT_TRUE(result->step_limit_reached);
    ASSERT_EQ(provider.requests.size(), 3u);
    const CompletionRequest& closing = provider.requests[2];
    EXPECT_EQ(closing.tool_choice, ToolChoice::kNone);
    EXPECT_EQ(closing.tools.size(), 2u) << "the history refers to the tools, so they stay defined";
    const Message& last = closing.messages.back();
    ASSERT_EQ(last.content.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<ToolResult>(last.content[0]));
    EXPECT_EQ(std::get<TextBlock>(last.content[1]).text, LoopOptions{}.final_answer_prompt);
    EXPECT_EQ(result->calls.size(), 3u);
    EXPECT_EQ(result->calls[2].step, 3);
    EXPECT_EQ(result->usage.input_tokens, 30);
    EXPECT_EQ(executed.size(), 2u);
}

// read_file answers "contents of " + its arguments: 12 characters and the arguments. Three
// calls of 40-character results against a 100-character budget: the third is cut to the 20
// left, a fourth in the same turn is refused without running, and the next call closes.
TEST_F(ToolLoopTest, SpentToolOutputEndsTheToolsEarlyAndAsksForTheAnswer) {
    const std::string arguments = R"({"path":")" + std::string(17, 'x') + R"("})";
    ASSERT_EQ(("contents of " + arguments).size(), 40u);
    LoopOptions options;
    options.max_steps = 5;
    options.max_total_tool_result_chars = 100;
    provider.Push(ToolRequest({{"t1", "read_file", arguments},
                               {"t2", "read_file", arguments},
                               {"t3", "read_file", arguments},
                               {"t4", "read_file", arguments}}));
    provider.Push(Answer("Final, from three files."));
    auto result = Run(options);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.text, "Final, from three files.");
    EXPECT_TRUE(result->tool_output_limit_reached);
    EXPECT_FALSE(result->step_limit_reached) << "one step of five ran";
    EXPECT_EQ(executed.size(), 3u) << "the fourth call was answered without running";
    ASSERT_EQ(provider.requests.size(), 2u);
    const CompletionRequest& closing = provider.requests[1];
    EXPECT_EQ(closing.tool_choice, ToolChoice::kNone);
    const Message& results = closing.messages.back();
    ASSERT_EQ(results.content.size(), 5u) << "four results and the final-answer prompt";
    EXPECT_EQ(ResultAt(results, 0).content.size(), 40u);
    EXPECT_EQ(ResultAt(results, 1).content.size(), 40u);
    const std::string& cut = ResultAt(results, 2).content;
    EXPECT_EQ(cut.substr(0, 20), ("contents of " + arguments).substr(0, 20));
    EXPECT_NE(cut.find("[truncated: 20 more characters]"), std::string::npos) << cut;
    EXPECT_FALSE(ResultAt(results, 2).is_error);
    EXPECT_TRUE(ResultAt(results, 3).is_error);
    EXPECT_NE(ResultAt(results, 3).content.find("tool output allowed in this conversation (100 characters)"),
              std::string::npos)
        << ResultAt(results, 3).content;
    EXPECT_EQ(result->calls.back().step, 2) << "the closing call follows the step that spent it";
}

TEST_F(ToolLoopTest, AModelThatOnlyAsksForToolsAfterItsToolOutputIsSpentIsAnError) {
    LoopOptions options;
    options.max_total_tool_result_chars = 10;
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}));
    provider.Push(ToolRequest({{"t2", "read_file", "{}"}}));
    auto result = Run(options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kUpstream);
    EXPECT_NE(result.error().detail.find("after its tool output was spent"), std::string::npos)
        << result.error().detail;
}

TEST_F(ToolLoopTest, AModelThatOnlyAsksForToolsAfterTheBudgetIsAnError) {
    LoopOptions options;
    options.max_steps = 1;
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}));
    provider.Push(ToolRequest({{"t2", "read_file", "{}"}}));
    auto result = Run(options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kUpstream);
    EXPECT_NE(result.error().detail.find("after 1 steps"), std::string::npos);
}

TEST_F(ToolLoopTest, WordsWithToolRequestsAfterTheBudgetAreTheAnswer) {
    LoopOptions options;
    options.max_steps = 1;
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}));
    Completion stubborn = ToolRequest({{"t2", "read_file", "{}"}});
    stubborn.text = "Here is my review anyway.";
    provider.Push(stubborn);
    auto result = Run(options);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.text, "Here is my review anyway.");
    EXPECT_TRUE(result->final.tool_calls.empty());
    EXPECT_EQ(executed.size(), 1u) << "requests after the budget are not run";
}

TEST_F(ToolLoopTest, AnAnswerCutOffByMaxTokensEndsTheLoop) {
    Completion cut = ToolRequest({{"t1", "read_file", "{\"pa"}});
    cut.stop_reason = StopReason::kMaxTokens;
    provider.Push(cut);
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->final.stop_reason, StopReason::kMaxTokens);
    EXPECT_TRUE(result->final.tool_calls.empty());
    EXPECT_TRUE(executed.empty());
    EXPECT_EQ(provider.requests.size(), 1u);
}

TEST_F(ToolLoopTest, AProviderErrorStopsTheLoopButItsEarlierCallsWereReported) {
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}, Usage{5, 5, 0, 0}, 0.1));
    provider.Push(core::MakeError(core::Errc::kRateLimited, "anthropic: HTTP 429"));
    std::vector<CallRecord> reported;
    LoopOptions options;
    options.on_call = [&reported](const CallRecord& record) { reported.push_back(record); };
    auto result = Run(options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kRateLimited);
    ASSERT_EQ(reported.size(), 1u);
    EXPECT_EQ(reported[0].usage.input_tokens, 5);
    EXPECT_DOUBLE_EQ(reported[0].cost_usd, 0.1);
}

TEST_F(ToolLoopTest, AnUnpricedCallMakesTheTotalCostUnknown) {
    provider.Push(ToolRequest({{"t1", "read_file", "{}"}}, {}, 0.2));
    Completion local = Answer("done");
    local.cost_known = false;
    provider.Push(local);
    auto result = Run();
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_FALSE(result->cost_known);
    EXPECT_DOUBLE_EQ(result->cost_usd, 0.2);
}

TEST_F(ToolLoopTest, AZeroBudgetIsRefused) {
    LoopOptions options;
    options.max_steps = 0;
    auto result = Run(options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kInvalidInput);
    EXPECT_TRUE(provider.requests.empty());
}

}  // namespace
}  // namespace nectr::llm
