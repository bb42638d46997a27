#include "llm/anthropic_codec.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <utility>
#include <variant>

#include "llm/api_error.hpp"
#include "llm/json_fields.hpp"

namespace nectr::llm {

namespace json = boost::json;

namespace {

json::object ToolUseBlock(const ToolCall& call) {
    auto input = ParseObject(call.arguments);
    json::object block{{"type", "tool_use"}, {"id", call.id}, {"name", call.name}};
    block["input"] = input ? std::move(*input) : json::value(json::object());
    return block;
}

json::object ToolResultBlock(const ToolResult& result) {
    json::object block{
        {"type", "tool_result"}, {"tool_use_id", result.tool_call_id}, {"content", result.content}};
    if (result.is_error) {
        block["is_error"] = true;
    }
    return block;
}

json::object EncodeMessage(const Message& message) {
    json::array results;
    json::array others;
    for (const auto& block : message.content) {
        if (const auto* text = std::get_if<TextBlock>(&block)) {
            if (!text->text.empty()) {
                others.push_back(json::object{{"type", "text"}, {"text", text->text}});
            }
        } else if (const auto* call = std::get_if<ToolCall>(&block)) {
            others.push_back(ToolUseBlock(*call));
        } else if (const auto* result = std::get_if<ToolResult>(&block)) {
            results.push_back(ToolResultBlock(*result));
        }
    }
    for (auto& block : others) {
        results.push_back(std::move(block));
    }
    return json::object{{"role", message.role == Role::kUser ? "user" : "assistant"},
                        {"content", std::move(results)}};
}

core::Result<json::array> EncodeTools(const std::vector<ToolSpec>& tools) {
    json::array out;
    for (const auto& tool : tools) {
        auto schema = ParseObject(tool.input_schema);
        if (!schema) {
            return core::MakeError(core::Errc::kInvalidInput,
                                   "the input_schema of tool " + tool.name +
                                       " is not usable: " + schema.error().detail);
        }
        out.push_back(json::object{{"name", tool.name},
                                   {"description", tool.description},
                                   {"input_schema", std::move(*schema)}});
    }
    return out;
}

StopReason MapStopReason(std::string_view reason) {
    if (reason == "end_turn") {
        return StopReason::kEndTurn;
    }
    if (reason == "tool_use") {
        return StopReason::kToolUse;
    }
    if (reason == "max_tokens" || reason == "model_context_window_exceeded") {
        return StopReason::kMaxTokens;
    }
    if (reason == "stop_sequence") {
        return StopReason::kStopSequence;
    }
    if (reason == "refusal") {
        return StopReason::kRefusal;
    }
    return StopReason::kOther;  // pause_turn: server tools, which Nectr does not use
}

Usage DecodeUsage(const json::value& message) {
    Usage usage;
    if (const auto* fields = Field(message, "usage")) {
        usage.input_tokens = IntField(*fields, "input_tokens");
        usage.output_tokens = IntField(*fields, "output_tokens");
        usage.cache_read_tokens = IntField(*fields, "cache_read_input_tokens");
        usage.cache_write_tokens = IntField(*fields, "cache_creation_input_tokens");
    }
    return usage;
}

}  // namespace

core::Result<std::string> EncodeAnthropicRequest(const CompletionRequest& request,
                                                 std::string_view model, int default_max_tokens) {
    json::object body{{"model", model},
                      {"max_tokens", request.max_tokens.value_or(default_max_tokens)}};
    if (!request.system.empty()) {
        body["system"] = request.system;
    }
    json::array messages;
    for (const auto& message : request.messages) {
        messages.push_back(EncodeMessage(message));
    }
    body["messages"] = std::move(messages);
    if (!request.tools.empty()) {
        auto tools = EncodeTools(request.tools);
        if (!tools) {
            return tools.error();
        }
        body["tools"] = std::move(*tools);
        if (request.tool_choice == ToolChoice::kNone) {
            body["tool_choice"] = json::object{{"type", "none"}};
        }
    }
    if (request.temperature) {
        body["temperature"] = *request.temperature;
    }
    return json::serialize(body);
}

core::Result<Completion> DecodeAnthropicResponse(std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return core::MakeError(core::Errc::kUpstream,
                               "anthropic: the response is " + parsed.error().detail);
    }
    const json::value& message = *parsed;
    const auto* content = Field(message, "content");
    if (StringField(message, "type") != "message" || content == nullptr || !content->is_array()) {
        return core::MakeError(core::Errc::kUpstream,
                               "anthropic: the response is not a message with content");
    }
    Completion completion;
    completion.id = StringField(message, "id");
    completion.model = StringField(message, "model");
    for (const auto& block : content->get_array()) {
        const std::string type = StringField(block, "type");
        if (type == "text") {
            completion.text += StringField(block, "text");
        } else if (type == "tool_use") {
            const auto* input = Field(block, "input");
            completion.tool_calls.push_back(
                ToolCall{StringField(block, "id"), StringField(block, "name"),
                         input != nullptr ? json::serialize(*input) : "{}"});
        }
    }
    completion.raw_stop_reason = StringField(message, "stop_reason");
    completion.stop_reason = MapStopReason(completion.raw_stop_reason);
    completion.usage = DecodeUsage(message);
    return completion;
}

core::Error DecodeAnthropicError(int status, std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return ApiError("anthropic", status, "", "");
    }
    const auto* error = Field(*parsed, "error");
    if (error == nullptr) {
        return ApiError("anthropic", status, "", "");
    }
    return ApiError("anthropic", status, StringField(*error, "type"),
                    StringField(*error, "message"));
}

}  // namespace nectr::llm
