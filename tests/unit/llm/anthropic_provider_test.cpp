// The Anthropic provider against a loopback server that speaks the Messages API: the exact
// request Nectr sends, the answers it understands, and the failures it retries or reports.
#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <string>
#include <thread>

#include "llm/provider.hpp"
#include "scripted_model_server.hpp"

namespace nectr::llm {
namespace {

namespace json = boost::json;

constexpr const char* kTextAnswer = R"({
  "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
  "type": "message",
  "role": "assistant",
  "model": "claude-sonnet-4-5-20250929",
  "content": [{"type": "text", "text": "The change looks correct."}],
  "stop_reason": "end_turn",
  "stop_sequence": null,
  "usage": {"input_tokens": 2095, "output_tokens": 503,
            "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 4000}
})";

constexpr const char* kTwoToolCalls = R"({
  "id": "msg_02",
  "type": "message",
  "role": "assistant",
  "model": "claude-sonnet-4-5-20250929",
  "content": [
    {"type": "text", "text": "I need to look at two files."},
    {"type": "tool_use", "id": "toolu_01A", "name": "read_file",
     "input": {"path": "src/main.cpp", "start": 1, "end": 40}},
    {"type": "tool_use", "id": "toolu_01B", "name": "search_code", "input": {"query": "Lease("}}
  ],
  "stop_reason": "tool_use",
  "stop_sequence": null,
  "usage": {"input_tokens": 300, "output_tokens": 80}
})";

constexpr const char* kCutOff = R"({
  "id": "msg_03", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
  "content": [{"type": "text", "text": "The first problem is"}],
  "stop_reason": "max_tokens", "stop_sequence": null,
  "usage": {"input_tokens": 10, "output_tokens": 16}
})";

std::string AnthropicError(const std::string& type, const std::string& message) {
    return R"({"type":"error","error":{"type":")" + type + R"(","message":")" + message + "\"}}";
}

class AnthropicProviderTest : public ScriptedModelServer {
protected:
    ProviderConfig Config() {
        ProviderConfig config;
        config.kind = ProviderKind::kAnthropic;
        config.base_url = BaseUrl();
        config.api_key = "sk-ant-test-key";
        config.model = "claude-sonnet-4-5";
        config.max_tokens = 2048;
        config.max_retries = 2;
        config.timeout = 10s;
        return config;
    }

    static CompletionRequest Hello() {
        CompletionRequest request;
        request.messages.push_back(Message::User("Review this diff."));
        return request;
    }
};

TEST_F(AnthropicProviderTest, SendsTheDocumentedRequestWithToolsAndToolResults) {
    Script("/v1/messages", {JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);

    CompletionRequest request;
    request.system = "You are a careful reviewer.";
    request.temperature = 0.2;
    request.tools.push_back({"read_file", "Reads a file of the repository",
                             R"({"type":"object","properties":{"path":{"type":"string"}},)"
                             R"("required":["path"]})"});
    request.messages.push_back(Message::User("Review this diff."));
    request.messages.push_back(Message{
        Role::kAssistant,
        {TextBlock{"Let me read it."}, ToolCall{"toolu_1", "read_file", R"({"path":"a.cpp"})"}}});
    // The text comes first here on purpose: the API wants tool results first in the turn.
    request.messages.push_back(
        Message{Role::kUser, {TextBlock{"Go on."}, ToolResult{"toolu_1", "no such file", true}}});
    auto completion = Complete(*provider, request);
    ASSERT_TRUE(completion) << completion.error().detail;

    auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].path, "/v1/messages");
    EXPECT_EQ(received[0].Header("x-api-key"), "sk-ant-test-key");
    EXPECT_EQ(received[0].Header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(received[0].Header("content-type"), "application/json");
    EXPECT_FALSE(received[0].Header("authorization").has_value());

    json::value expected = json::parse(R"({
      "model": "claude-sonnet-4-5",
      "max_tokens": 2048,
      "system": "You are a careful reviewer.",
      "messages": [
        {"role": "user", "content": [{"type": "text", "text": "Review this diff."}]},
        {"role": "assistant", "content": [
          {"type": "text", "text": "Let me read it."},
          {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "a.cpp"}}]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "toolu_1", "content": "no such file",
           "is_error": true},
          {"type": "text", "text": "Go on."}]}
      ],
      "tools": [{"name": "read_file", "description": "Reads a file of the repository",
                 "input_schema": {"type": "object", "properties": {"path": {"type": "string"}},
                                  "required": ["path"]}}],
      "temperature": 0.2
    })");
    EXPECT_EQ(ReceivedJson(0), expected) << json::serialize(ReceivedJson(0));
}

TEST_F(AnthropicProviderTest, ReadsATextAnswerWithUsageCacheTokensAndCost) {
    Script("/v1/messages", {JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;

    EXPECT_EQ(completion->text, "The change looks correct.");
    EXPECT_TRUE(completion->tool_calls.empty());
    EXPECT_EQ(completion->stop_reason, StopReason::kEndTurn);
    EXPECT_EQ(completion->id, "msg_01XFDUDYJgAACzvnptvVoYEL");
    EXPECT_EQ(completion->model, "claude-sonnet-4-5-20250929");
    EXPECT_EQ(completion->usage.input_tokens, 2095);
    EXPECT_EQ(completion->usage.output_tokens, 503);
    EXPECT_EQ(completion->usage.cache_write_tokens, 1000);
    EXPECT_EQ(completion->usage.cache_read_tokens, 4000);
    EXPECT_EQ(completion->attempts, 1);
    // Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million tokens.
    EXPECT_TRUE(completion->cost_known);
    EXPECT_NEAR(completion->cost_usd, (2095 * 3.0 + 503 * 15.0 + 4000 * 0.30 + 1000 * 3.75) / 1e6,
                1e-12);
    EXPECT_EQ(ReceivedJson(0).at("max_tokens").as_int64(), 2048)
        << "the configured default applies when the request does not say";
}

TEST_F(AnthropicProviderTest, ReadsSeveralToolCallsInOrder) {
    Script("/v1/messages", {JsonReply(200, kTwoToolCalls)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;

    EXPECT_EQ(completion->stop_reason, StopReason::kToolUse);
    EXPECT_EQ(completion->text, "I need to look at two files.");
    ASSERT_EQ(completion->tool_calls.size(), 2u);
    EXPECT_EQ(completion->tool_calls[0].id, "toolu_01A");
    EXPECT_EQ(completion->tool_calls[0].name, "read_file");
    EXPECT_EQ(json::parse(completion->tool_calls[0].arguments),
              json::parse(R"({"path":"src/main.cpp","start":1,"end":40})"));
    EXPECT_EQ(completion->tool_calls[1].id, "toolu_01B");
    EXPECT_EQ(completion->tool_calls[1].name, "search_code");
    EXPECT_EQ(json::parse(completion->tool_calls[1].arguments),
              json::parse(R"({"query":"Lease("})"));
}

TEST_F(AnthropicProviderTest, ReportsAnAnswerCutOffByMaxTokens) {
    Script("/v1/messages", {JsonReply(200, kCutOff)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    CompletionRequest request = Hello();
    request.max_tokens = 16;
    auto completion = Complete(*provider, request);
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->stop_reason, StopReason::kMaxTokens);
    EXPECT_EQ(completion->raw_stop_reason, "max_tokens");
    EXPECT_EQ(ReceivedJson(0).at("max_tokens").as_int64(), 16);
}

TEST_F(AnthropicProviderTest, AWrongKeyIsUnauthorizedWithAnthropicsMessageAndNotRetried) {
    Script("/v1/messages",
           {JsonReply(401, AnthropicError("authentication_error", "invalid x-api-key"))});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUnauthorized);
    EXPECT_EQ(completion.error().detail,
              "anthropic: HTTP 401 authentication_error: invalid x-api-key");
    EXPECT_EQ(completion.error().detail.find("sk-ant-test-key"), std::string::npos);
    EXPECT_EQ(Received().size(), 1u);
}

TEST_F(AnthropicProviderTest, AnInvalidRequestIsInvalidInputAndNotRetried) {
    Script("/v1/messages",
           {JsonReply(400, AnthropicError("invalid_request_error",
                                          "messages: text content blocks must be non-empty"))});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(completion.error().detail.find("text content blocks must be non-empty"),
              std::string::npos)
        << completion.error().detail;
    EXPECT_EQ(Received().size(), 1u);
    EXPECT_TRUE(RetryDelays().empty());
}

TEST_F(AnthropicProviderTest, ARateLimitIsRetriedAfterTheServersRetryAfter) {
    http::Response limited =
        JsonReply(429, AnthropicError("rate_limit_error", "Number of requests has exceeded"));
    limited.SetHeader("retry-after", "1");
    Script("/v1/messages", {limited, JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->text, "The change looks correct.");
    EXPECT_EQ(completion->attempts, 2);
    EXPECT_EQ(Received().size(), 2u);
    ASSERT_EQ(RetryDelays().size(), 1u);
    EXPECT_EQ(RetryDelays()[0], 1000ms) << "retry-after: 1 means one second";
}

TEST_F(AnthropicProviderTest, OverloadedAnswersAreRetriedWithExponentialBackoff) {
    http::Response overloaded = JsonReply(529, AnthropicError("overloaded_error", "Overloaded"));
    Script("/v1/messages", {overloaded, overloaded, JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->attempts, 3);
    EXPECT_EQ(RetryDelays(), (std::vector<std::chrono::milliseconds>{500ms, 1000ms}));
}

TEST_F(AnthropicProviderTest, OverloadPastTheRetriesIsUnavailable) {
    Script("/v1/messages", {JsonReply(529, AnthropicError("overloaded_error", "Overloaded"))});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUnavailable);
    EXPECT_EQ(completion.error().detail, "anthropic: HTTP 529 overloaded_error: Overloaded");
    EXPECT_EQ(Received().size(), 3u) << "one try and max_retries = 2 more";
}

TEST_F(AnthropicProviderTest, AServerErrorThenSuccessSucceeds) {
    Script("/v1/messages", {JsonReply(500, AnthropicError("api_error", "Internal server error")),
                            JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    EXPECT_EQ(completion->attempts, 2);
    EXPECT_EQ(Received().size(), 2u);
}

TEST_F(AnthropicProviderTest, ARetryAfterBeyondTheCapEndsTheCall) {
    http::Response limited =
        JsonReply(429, AnthropicError("rate_limit_error", "Daily quota exhausted"));
    limited.SetHeader("retry-after", "3600");
    Script("/v1/messages", {limited, JsonReply(200, kTextAnswer)});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kRateLimited);
    EXPECT_NE(completion.error().detail.find("Daily quota exhausted"), std::string::npos);
    EXPECT_EQ(Received().size(), 1u);
}

TEST_F(AnthropicProviderTest, AMalformedBodyIsAnUpstreamError) {
    Script("/v1/messages", {JsonReply(200, R"({"type":"message","content":[{"type":"te)")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUpstream);
    EXPECT_NE(completion.error().detail.find("not valid JSON"), std::string::npos)
        << completion.error().detail;
}

TEST_F(AnthropicProviderTest, ABodyOfTheWrongShapeIsAnUpstreamError) {
    Script("/v1/messages", {JsonReply(200, R"({"type":"completion","completion":"hi"})")});
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kUpstream);
}

TEST_F(AnthropicProviderTest, AServerThatNeverAnswersTimesOutAfterItsRetries) {
    ScriptSilence("/v1/messages");
    ProviderConfig config = Config();
    config.timeout = 300ms;
    config.max_retries = 1;
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_FALSE(completion);
    EXPECT_EQ(completion.error().code, core::Errc::kTimeout) << completion.error().detail;
    EXPECT_EQ(completion.error().detail.rfind("anthropic: ", 0), 0u) << completion.error().detail;
    EXPECT_TRUE(gate.WaitForArrivals(2, 10s)) << "a timed-out exchange is tried once more";
    EXPECT_EQ(RetryDelays().size(), 1u);
}

TEST_F(AnthropicProviderTest, ACancelledCallIsNotRetried) {
    ScriptSilence("/v1/messages");
    auto provider = MakeTestProvider(Config());
    ASSERT_TRUE(provider);
    net::io_context context;
    net::cancellation_signal cancel;
    std::optional<core::Result<Completion>> outcome;
    net::co_spawn(context, provider->Complete(Hello()),
                  net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error,
                                                                 core::Result<Completion> result) {
                      ASSERT_FALSE(error);
                      outcome.emplace(std::move(result));
                  }));
    std::thread canceller([&] {
        ASSERT_TRUE(gate.WaitForArrivals(1, 20s));
        net::post(context, [&] { cancel.emit(net::cancellation_type::terminal); });
    });
    context.run();
    canceller.join();
    ASSERT_TRUE(outcome.has_value());
    ASSERT_FALSE(*outcome);
    EXPECT_NE(outcome->error().detail.find("cancelled"), std::string::npos)
        << outcome->error().detail;
    EXPECT_TRUE(RetryDelays().empty()) << "a cancelled review must not try again";
}

TEST_F(AnthropicProviderTest, ABaseUrlThatEndsInV1IsAcceptedToo) {
    Script("/v1/messages", {JsonReply(200, kTextAnswer)});
    ProviderConfig config = Config();
    config.base_url = BaseUrl() + "/v1/";
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    auto completion = Complete(*provider, Hello());
    ASSERT_TRUE(completion) << completion.error().detail;
    ASSERT_EQ(Received().size(), 1u);
    EXPECT_EQ(Received()[0].path, "/v1/messages");
}

TEST_F(AnthropicProviderTest, ExtraHeadersAreSent) {
    Script("/v1/messages", {JsonReply(200, kTextAnswer)});
    ProviderConfig config = Config();
    config.extra_headers.push_back({"anthropic-beta", "prompt-caching-2024-07-31"});
    auto provider = MakeTestProvider(config);
    ASSERT_TRUE(provider);
    ASSERT_TRUE(Complete(*provider, Hello()));
    EXPECT_EQ(Received()[0].Header("anthropic-beta"), "prompt-caching-2024-07-31");
}

TEST(AnthropicProviderConfigTest, RefusesAConfigurationItCannotUse) {
    auto client = http::MakeCurlClient({.user_agent = "nectr-test/1", .ca_file = {}});
    ProviderConfig config;
    config.kind = ProviderKind::kAnthropic;
    config.model = "claude-sonnet-4-5";
    auto no_key = MakeProvider(config, *client);
    ASSERT_FALSE(no_key);
    EXPECT_EQ(no_key.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(no_key.error().detail.find("ANTHROPIC_API_KEY"), std::string::npos);

    config.api_key = "k";
    config.base_url = "api.anthropic.com";
    EXPECT_FALSE(MakeProvider(config, *client)) << "a base URL without a scheme";
    config.base_url = "";
    config.model = "";
    EXPECT_FALSE(MakeProvider(config, *client)) << "no model";
    config.model = "claude-sonnet-4-5";
    config.max_retries = 11;
    EXPECT_FALSE(MakeProvider(config, *client));
    config.max_retries = 0;
    auto provider = MakeProvider(config, *client);
    ASSERT_TRUE(provider) << provider.error().detail;
    EXPECT_EQ((*provider)->Name(), "anthropic");
    EXPECT_EQ((*provider)->Model(), "claude-sonnet-4-5");
}

}  // namespace
}  // namespace nectr::llm
