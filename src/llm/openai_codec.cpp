#include "llm/openai_codec.hpp"

#include <algorithm>
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

json::object ToolCallEntry(const ToolCall& call) {
    return json::object{
        {"id", call.id},
        {"type", "function"},
        {"function", json::object{{"name", call.name}, {"arguments", call.arguments}}}};
}

// One neutral message may become several: tool results are messages of their own.
void EncodeMessage(const Message& message, json::array& out) {
    std::string text;
    json::array calls;
    for (const auto& block : message.content) {
        if (const auto* part = std::get_if<TextBlock>(&block)) {
            text += part->text;
        } else if (const auto* call = std::get_if<ToolCall>(&block)) {
            calls.push_back(ToolCallEntry(*call));
        } else if (const auto* result = std::get_if<ToolResult>(&block)) {
            out.push_back(json::object{
                {"role", "tool"},
                {"tool_call_id", result->tool_call_id},
                {"content", result->is_error ? "Error: " + result->content : result->content}});
        }
    }
    if (message.role == Role::kAssistant) {
        json::object entry{{"role", "assistant"}};
        entry["content"] =
            text.empty() && !calls.empty() ? json::value(nullptr) : json::value(text);
        if (!calls.empty()) {
            entry["tool_calls"] = std::move(calls);
        }
        out.push_back(std::move(entry));
    } else if (!text.empty()) {
        out.push_back(json::object{{"role", "user"}, {"content", text}});
    }
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
        out.push_back(json::object{{"type", "function"},
                                   {"function", json::object{{"name", tool.name},
                                                             {"description", tool.description},
                                                             {"parameters", std::move(*schema)}}}});
    }
    return out;
}

StopReason MapFinishReason(std::string_view reason) {
    if (reason == "stop") {
        return StopReason::kEndTurn;
    }
    if (reason == "tool_calls" || reason == "function_call") {
        return StopReason::kToolUse;
    }
    if (reason == "length") {
        return StopReason::kMaxTokens;
    }
    if (reason == "content_filter") {
        return StopReason::kRefusal;
    }
    return StopReason::kOther;
}

std::vector<ToolCall> DecodeToolCalls(const json::value& message) {
    std::vector<ToolCall> calls;
    const auto* entries = Field(message, "tool_calls");
    if (entries == nullptr || !entries->is_array()) {
        return calls;
    }
    for (const auto& entry : entries->get_array()) {
        ToolCall call;
        call.id = StringField(entry, "id");
        if (call.id.empty()) {
            call.id = "call_" + std::to_string(calls.size());
        }
        const json::value empty;
        const auto* function = Field(entry, "function");
        const json::value& fn = function != nullptr ? *function : empty;
        call.name = StringField(fn, "name");
        const auto* arguments = Field(fn, "arguments");
        if (arguments == nullptr || arguments->is_null()) {
            call.arguments = "{}";
        } else if (arguments->is_string()) {
            call.arguments = std::string(arguments->get_string());
            if (call.arguments.empty()) {
                call.arguments = "{}";  // a tool without parameters, as some servers send it
            }
        } else {
            call.arguments = json::serialize(*arguments);
        }
        calls.push_back(std::move(call));
    }
    return calls;
}

Usage DecodeUsage(const json::value& response) {
    Usage usage;
    const auto* fields = Field(response, "usage");
    if (fields == nullptr) {
        return usage;
    }
    std::int64_t cached = 0;
    if (const auto* details = Field(*fields, "prompt_tokens_details")) {
        cached = IntField(*details, "cached_tokens");
    }
    usage.cache_read_tokens = cached;
    usage.input_tokens = std::max<std::int64_t>(0, IntField(*fields, "prompt_tokens") - cached);
    usage.output_tokens = IntField(*fields, "completion_tokens");
    return usage;
}

}  // namespace

core::Result<std::string> EncodeOpenAiRequest(const CompletionRequest& request,
                                              std::string_view model, int default_max_tokens) {
    json::object body{{"model", model},
                      {"max_tokens", request.max_tokens.value_or(default_max_tokens)}};
    json::array messages;
    if (!request.system.empty()) {
        messages.push_back(json::object{{"role", "system"}, {"content", request.system}});
    }
    for (const auto& message : request.messages) {
        EncodeMessage(message, messages);
    }
    body["messages"] = std::move(messages);
    if (!request.tools.empty()) {
        auto tools = EncodeTools(request.tools);
        if (!tools) {
            return tools.error();
        }
        body["tools"] = std::move(*tools);
        if (request.tool_choice == ToolChoice::kNone) {
            body["tool_choice"] = "none";
        }
    }
    if (request.temperature) {
        body["temperature"] = *request.temperature;
    }
    if (request.json_output) {
        body["response_format"] = json::object{{"type", "json_object"}};
    }
    return json::serialize(body);
}

core::Result<Completion> DecodeOpenAiResponse(std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return core::MakeError(core::Errc::kUpstream,
                               "openai: the response is " + parsed.error().detail);
    }
    const json::value& response = *parsed;
    const auto* choices = Field(response, "choices");
    if (choices == nullptr || !choices->is_array() || choices->get_array().empty() ||
        Field(choices->get_array().front(), "message") == nullptr) {
        return core::MakeError(core::Errc::kUpstream,
                               "openai: the response has no choice with a message");
    }
    const json::value& choice = choices->get_array().front();
    const json::value& message = *Field(choice, "message");
    Completion completion;
    completion.id = StringField(response, "id");
    completion.model = StringField(response, "model");
    completion.text = StringField(message, "content");
    completion.tool_calls = DecodeToolCalls(message);
    completion.raw_stop_reason = StringField(choice, "finish_reason");
    completion.stop_reason = MapFinishReason(completion.raw_stop_reason);
    if (std::string refusal = StringField(message, "refusal"); !refusal.empty()) {
        completion.stop_reason = StopReason::kRefusal;
        if (completion.text.empty()) {
            completion.text = std::move(refusal);
        }
    }
    if (!completion.tool_calls.empty() && completion.stop_reason == StopReason::kEndTurn) {
        completion.stop_reason = StopReason::kToolUse;  // some local servers say "stop" here
    }
    completion.usage = DecodeUsage(response);
    return completion;
}

core::Error DecodeOpenAiError(int status, std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) {
        return ApiError("openai", status, "", "");
    }
    const auto* error = Field(*parsed, "error");
    if (error != nullptr && error->is_string()) {
        return ApiError("openai", status, "", std::string(error->get_string()));
    }
    if (error == nullptr) {
        return ApiError("openai", status, "", StringField(*parsed, "message"));
    }
    std::string type = StringField(*error, "type");
    if (type.empty()) {
        type = StringField(*error, "code");
    }
    return ApiError("openai", status, type, StringField(*error, "message"));
}

}  // namespace nectr::llm
