#pragma once

// Provider-neutral conversation types: what Nectr says to a model and what it answers, in one
// shape whichever API carries them. The providers translate to and from their wire formats.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nectr::llm {

enum class Role { kUser, kAssistant };

struct TextBlock {
    std::string text;
};

// A tool the model asked to run. `arguments` is the JSON text the model produced: usually an
// object, but a small local model may send anything, so it is kept as text and checked by
// whoever runs the tool (see tool_loop.hpp).
struct ToolCall {
    std::string id;
    std::string name;
    std::string arguments = "{}";
};

// The answer to one ToolCall, sent back in the next user turn.
struct ToolResult {
    std::string tool_call_id;
    std::string content;
    bool is_error = false;  // tells the model the call failed, so that it can recover
};

using ContentBlock = std::variant<TextBlock, ToolCall, ToolResult>;

struct Message {
    Role role = Role::kUser;
    std::vector<ContentBlock> content;

    static Message User(std::string text);
    static Message Assistant(std::string text);

    // The text blocks joined in order; tool blocks are left out.
    std::string Text() const;
};

// A tool the model may call. `input_schema` is a JSON Schema object as JSON text.
struct ToolSpec {
    std::string name;
    std::string description;
    std::string input_schema = R"({"type":"object","properties":{}})";
};

enum class ToolChoice {
    kAuto,  // the model decides
    kNone,  // tools stay defined (the history may refer to them) but must not be called
};

struct CompletionRequest {
    std::string system;  // empty: no system prompt
    std::vector<Message> messages;
    std::vector<ToolSpec> tools;
    ToolChoice tool_choice = ToolChoice::kAuto;
    std::optional<int> max_tokens;      // nullopt: the provider's configured default
    std::optional<double> temperature;  // nullopt: the API's default
    // Asks for a JSON object as the answer: OpenAI-compatible servers get
    // response_format json_object; Anthropic has no such switch, so the prompt must ask for
    // JSON there (and json_extract.hpp digs it out).
    bool json_output = false;
};

// Token counts of one call or, summed, of several.
struct Usage {
    // Input billed at the base rate: neither read from nor written to the prompt cache.
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cache_read_tokens = 0;
    std::int64_t cache_write_tokens = 0;

    std::int64_t TotalInputTokens() const {
        return input_tokens + cache_read_tokens + cache_write_tokens;
    }
    Usage& operator+=(const Usage& other);
};

enum class StopReason {
    kEndTurn,       // a final answer
    kToolUse,       // the model wants tool results before it goes on
    kMaxTokens,     // cut off by max_tokens (or the context window)
    kStopSequence,  // hit a stop sequence
    kRefusal,       // declined, or a content filter stopped it
    kOther,         // anything else the API reported; see Completion::raw_stop_reason
};

// "end_turn", "tool_use", "max_tokens", "stop_sequence", "refusal", "other".
std::string_view StopReasonName(StopReason reason);

struct Completion {
    std::string id;  // the API's id for the response, when it gave one
    std::string text;
    std::vector<ToolCall> tool_calls;  // in the order the model made them
    StopReason stop_reason = StopReason::kOther;
    std::string raw_stop_reason;  // as the API said it ("end_turn", "length", ...)
    Usage usage;
    std::string model;  // as the API reported it (may carry a date suffix)
    double cost_usd = 0;
    bool cost_known = false;               // false: no price for this model, cost_usd is 0
    std::chrono::milliseconds latency{0};  // the whole call, retries and their waits included
    int attempts = 0;                      // HTTP exchanges made for this call

    // The assistant turn to append to the conversation: the text, then the tool calls.
    Message AsAssistantMessage() const;
};

}  // namespace nectr::llm
