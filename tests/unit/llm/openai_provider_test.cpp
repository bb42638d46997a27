// The OpenAI-compatible provider against a loopback server that speaks chat completions as
// OpenAI, Ollama, vLLM and llama.cpp's server do, broken answers from local models included.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <string>

#include "llm/provider.hpp"
#include "llm/tool_loop.hpp"
#include "scripted_model_server.hpp"

namespace nectr::llm {
namespace {

namespace json = boost::json;

constexpr const char* kTextAnswer = R"({
  "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  "object": "chat.completion",
  "created": 1741569952,
  "model": "gpt-4o-2024-08-06",
  "choices": [{
    "index": 0,
    "message": {"role": "assistant", "content": "{\"verdict\":\"APPROVE\"}", "refusal": null},
    "logprobs": null,
    "finish_reason": "stop"
  }],
  "usage": {"prompt_tokens": 1200, "completion_tokens": 40, "total_tokens": 1240,
            "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0}}
})";

constexpr const char* kTwoToolCalls = R"({
  "id": "chatcmpl-2", "object": "chat.completion", "created": 1741569953, "model": "gpt-4o",
  "choices": [{
    "index": 0,
    "message": {
      "role": "assistant", "content": null,
      "tool_calls": [
        {"id": "call_abc", "type": "function",
         "function": {"name": "read_file", "arguments": "{\"path\":\"src/a.cpp\"}"}},
        {"id": "call_def", "type": "function",
         "function": {"name": "list_changed_files", "arguments": "{}"}}
      ]
    },
    "finish_reason": "tool_calls"
  }],
  "usage": {"prompt_tokens": 90, "completion_tokens": 30, "total_tokens": 120}
})";

// What a small local model sends: arguments that are not JSON, and no usage at all.
constexpr const char* kMalformedArguments = R"({
  "id": "chatcmpl-3", "object": "chat.completion", "created": 1, "model": "qwen2.5-coder:7b",
  "choices": [{
    "index": 0,
    "message": {"role": "assistant", "content": "",
                "tool_calls": [{"id": "call_x", "type": "function",
                                "function": {"name": "read_file",
                                             "arguments": "{path: src/a.cpp"}}]},
    "finish_reason": "tool_calls"
  }]
})";

constexpr const char* kLocalFinalAnswer = R"({
  "id": "chatcmpl-4", "object": "chat.completion", "created": 2, "model": "qwen2.5-coder:7b",
  "choices": [{"index": 0, "message": {"role": "assistant", "content": "Looks fine."},
               "finish_reason": "stop"}],
  "usage": {"prompt_tokens": 50, "completion_tokens": 5, "total_tokens": 55}
})";

class OpenAiProviderTest : public ScriptedModelServer {
protected:
    ProviderConfig Config() {
        ProviderConfig config;
        config.kind = ProviderKind::kOpenAi;
        config.base_url = BaseUrl() + "/v1";
        config.api_key = "sk-openai-test";
        config.model = "gpt-4o";
        config.max_tokens = 1000;
        config.timeout = 10s;
        return config;
    }

    static CompletionRequest Hello() {
        CompletionRequest request;
        request.messages.push_back(Message::User("Review this diff."));
        return request;
    }
};

TEST_F(OpenAiProviderTest, SendsTheDocumentedRequestWithToolsToolCallsAndToolMessages) {
    Script("/v1/chat/completions", {JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);

    CompletionRequest request;
    request.system = "You are a careful reviewer.";
    request.json_output = true;
    request.temperature = 0;
    request.max_tokens = 300;
    request.tools.push_back({"read_file", "Reads a file",
                             R"({"type":"object","properties":{"path":{"type":"string"}}})"});
    request.messages.push_back(Message::User("Review this diff."));
    request.messages.push_back(Message{Role::kAssistant,
                                       {ToolCall{"call_1", "read_file", R"({"path":"a.cpp"})"},
                                        ToolCall{"call_2", "read_file", "{not json"}}});
    request.messages.push_back(
        Message{Role::kUser,
                {ToolResult{"call_1", "int main() {}", false},
                 ToolResult{"call_2", "bad arguments", true}, TextBlock{"Now answer."}}});
    auto completion = Complete(*provider, request);
    ASSERT_TRUE(completion) << completion.error().detail;

    auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].path, "/v1/chat/completions");
    EXPECT_EQ(received[0].Header("authorization"), "Bearer sk-openai-test");
    EXPECT_EQ(received[0].Header("content-type"), "application/json");
    json::value expected = json::parse(R"({
      "model": "gpt-4o",
      "max_tokens": 300,
      "messages": [
        {"role": "system", "content": "You are a careful reviewer."},
        {"role": "user", "content": "Review this diff."},
        {"role": "assistant", "content": null, "tool_calls": [
          {"id": "call_1", "type": "function",
           "function": {"name": "read_file", "arguments": "{\"path\":\"a.cpp\"}"}},
          {"id": "call_2", "type": "function",
           "function": {"name": "read_file", "arguments": "{not json"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "int main() {}"},
        {"role": "tool", "tool_call_id": "call_2", "content": "Error: bad arguments"},
        {"role": "user", "content": "Now answer."}
      ],
      "tools": [{"type": "function", "function": {
        "name": "read_file", "description": "Reads a file",
        "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}],
      "temperature": 0.0,
      "response_format": {"type": "json_object"}
    })");
    EXPECT_EQ(ReceivedJson(0), expected) << json::serialize(ReceivedJson(0));
}

TEST_F(OpenAiProviderTest, ALocalServerWithoutAKeyGetsNoAuthorizationHeader) {
    Script("/v1/chat/completions", {JsonReply(200, kLocalFinalAnswer)});
    ProviderConfig config = Config();
    config.api_key.clear();
    config.model = "qwen2.5-coder:7b";
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_FALSE(Received()[0].Header("authorization").has_value());
    EXPECT_EQ(completion->text, "Looks fine.");
    EXPECT_FALSE(completion->cost_known) << "a local model has no known price";
    EXPECT_EQ(completion->cost_usd, 0);
    EXPECT_FALSE(ReceivedJson(0).as_object().contains("tools"));
    EXPECT_FALSE(ReceivedJson(0).as_object().contains("response_format"));
}

TEST_F(OpenAiProviderTest, ReadsATextAnswerWithCachedTokensAndCost) {
    Script("/v1/chat/completions", {JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->text, R"({"verdict":"APPROVE"})");
    EXPECT_EQ(completion->stop_reason, StopReason::kEndTurn);
    EXPECT_EQ(completion->model, "gpt-4o-2024-08-06");
    EXPECT_EQ(completion->usage.input_tokens, 1200 - 1024);
    EXPECT_EQ(completion->usage.cache_read_tokens, 1024);
    EXPECT_EQ(completion->usage.output_tokens, 40);
    // gpt-4o: $2.50 in, $1.25 cached in, $10 out per million tokens.
    EXPECT_NEAR(completion->cost_usd, (176 * 2.50 + 1024 * 1.25 + 40 * 10.0) / 1e6, 1e-12);
    EXPECT_EQ(ReceivedJson(0).at("max_tokens").as_int64(), 1000);
}

TEST_F(OpenAiProviderTest, ReadsSeveralToolCalls) {
    Script("/v1/chat/completions", {JsonReply(200, kTwoToolCalls)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->stop_reason, StopReason::kToolUse);
    EXPECT_TRUE(completion->text.empty());
    ASSERT_EQ(completion->tool_calls.size(), 2u);
    EXPECT_EQ(completion->tool_calls[0].id, "call_abc");
    EXPECT_EQ(completion->tool_calls[0].name, "read_file");
    EXPECT_EQ(completion->tool_calls[0].arguments, R"({"path":"src/a.cpp"})");
    EXPECT_EQ(completion->tool_calls[1].name, "list_changed_files");
}

TEST_F(OpenAiProviderTest, MalformedToolArgumentsArriveAsTheyWereSent) {
    Script("/v1/chat/completions", {JsonReply(200, kMalformedArguments)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    ASSERT_EQ(completion->tool_calls.size(), 1u);
    EXPECT_EQ(completion->tool_calls[0].arguments, "{path: src/a.cpp");
    EXPECT_EQ(completion->usage.TotalInputTokens(), 0) << "no usage block: zeros";
}

TEST_F(OpenAiProviderTest, TheLoopTellsALocalModelItsArgumentsWereBroken) {
    Script("/v1/chat/completions",
           {JsonReply(200, kMalformedArguments), JsonReply(200, kLocalFinalAnswer)});
    ProviderConfig config = Config();
    config.model = "qwen2.5-coder:7b";
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    CompletionRequest request = Hello();
    request.tools.push_back({"read_file", "Reads a file", R"({"type":"object"})"});
    int executed = 0;
    ToolExecutor execute = [&executed](ToolCall) -> net::awaitable<core::Result<std::string>> {
        ++executed;
        co_return std::string("contents");
    };
    auto loop = RunAwaitable(RunToolLoop(*provider, request, execute, {}));
    ASSERT_TRUE(loop) << loop.error().detail;
    EXPECT_EQ(loop->final.text, "Looks fine.");
    EXPECT_EQ(executed, 0) << "a call with broken arguments must not reach the tool";
    ASSERT_EQ(Received().size(), 2u);
    const json::value second = ReceivedJson(1);
    const json::array& messages = second.at("messages").as_array();
    ASSERT_EQ(messages.size(), 3u) << json::serialize(messages);
    EXPECT_EQ(messages[1].at("tool_calls").at(0).at("function").at("arguments"),
              "{path: src/a.cpp");
    EXPECT_EQ(messages[2].at("role"), "tool");
    EXPECT_EQ(messages[2].at("tool_call_id"), "call_x");
    std::string told(messages[2].at("content").as_string());
    EXPECT_EQ(told.rfind("Error: The arguments of read_file are not valid JSON", 0), 0u) << told;
}

TEST_F(OpenAiProviderTest, ACutOffAnswerAndAFilteredOneAreReported) {
    Script("/v1/chat/completions",
           {JsonReply(200, R"({"choices":[{"index":0,"message":{"role":"assistant",)"
                           R"("content":"Partial"},"finish_reason":"length"}]})"),
            JsonReply(200, R"({"choices":[{"index":0,"message":{"role":"assistant",)"
                           R"("content":null},"finish_reason":"content_filter"}]})")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto cut = Complete(*provider, Hello());
    ASSERT_TRUE(cut) << cut.error().detail;
    EXPECT_EQ(cut->stop_reason, StopReason::kMaxTokens);
    EXPECT_EQ(cut->text, "Partial");
    EXPECT_EQ(cut->model, "gpt-4o") << "the configured model when the server names none";
    auto filtered = Complete(*provider, Hello());
    ASSERT_TRUE(filtered) << filtered.error().detail;
    EXPECT_EQ(filtered->stop_reason, StopReason::kRefusal);
}

TEST_F(OpenAiProviderTest, AWrongKeyIsUnauthorizedWithTheServersMessage) {
    Script("/v1/chat/completions",
           {JsonReply(401, R"({"error":{"message":"Incorrect API key provided: sk-opena***test.",)"
                           R"("type":"invalid_request_error","param":null,)"
                           R"("code":"invalid_api_key"}})")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUnauthorized);
    EXPECT_EQ(completion.error().detail,
              "openai: HTTP 401 invalid_request_error: Incorrect API key provided: "
              "sk-opena***test.");
    EXPECT_EQ(Received().size(), 1u);
}

TEST_F(OpenAiProviderTest, AnOllamaStyleErrorIsReadToo) {
    Script("/v1/chat/completions",
           {JsonReply(404, R"({"error":"model \"llama9\" not found, try pulling it first"})")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kNotFound);
    EXPECT_NE(completion.error().detail.find("not found, try pulling it first"), std::string::npos);
}

TEST_F(OpenAiProviderTest, ARateLimitWithRetryAfterZeroIsRetriedAtOnce) {
    http::Response limited = JsonReply(
        429,
        R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})");
    limited.SetHeader("retry-after", "0");
    Script("/v1/chat/completions", {limited, JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->attempts, 2);
    EXPECT_EQ(RetryDelays(), (std::vector<std::chrono::milliseconds>{0ms}));
}

TEST_F(OpenAiProviderTest, AnUnavailableServerThenSuccessSucceeds) {
    Script("/v1/chat/completions",
           {JsonReply(503, R"({"error":{"message":"busy"}})"),
            JsonReply(502, "<html>Bad gateway</html>"), JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->attempts, 3);
}

TEST_F(OpenAiProviderTest, ABadGatewayPageGivesTheStatusAlone) {
    Script("/v1/chat/completions", {http::Response::Text(502, "<html>Bad gateway</html>")});
    ProviderConfig config = Config();
    config.max_retries = 0;
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUpstream);
    EXPECT_EQ(completion.error().detail, "openai: HTTP 502 (no error message in the response)");
}

TEST_F(OpenAiProviderTest, AMalformedBodyIsAnUpstreamError) {
    Script("/v1/chat/completions", {JsonReply(200, "data: {\"choices\": []}\n\n")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUpstream);
}

TEST_F(OpenAiProviderTest, AnAnswerWithoutChoicesIsAnUpstreamError) {
    Script("/v1/chat/completions", {JsonReply(200, R"({"id":"x","choices":[]})")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUpstream);
    EXPECT_NE(completion.error().detail.find("no choice"), std::string::npos);
}

TEST_F(OpenAiProviderTest, AServerThatNeverAnswersTimesOut) {
    ScriptSilence("/v1/chat/completions");
    ProviderConfig config = Config();
    config.timeout = 300ms;
    config.max_retries = 0;
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kTimeout) << completion.error().detail;
    EXPECT_TRUE(RetryDelays().empty());
}

TEST_F(OpenAiProviderTest, APriceOverrideCostsAnUnknownModel) {
    Script("/v1/chat/completions", {JsonReply(200, kLocalFinalAnswer)});
    ProviderConfig config = Config();
    config.model = "qwen2.5-coder:7b";
    config.price.input_per_mtok = 1.0;
    config.price.output_per_mtok = 2.0;
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_TRUE(completion->cost_known);
    EXPECT_NEAR(completion->cost_usd, (50 * 1.0 + 5 * 2.0) / 1e6, 1e-12);
}

}  // namespace
}  // namespace nectr::llm
