#pragma once

// The Anthropic Messages API wire format (POST /v1/messages): pure functions from Nectr's
// neutral types to request bodies and from response bodies back, so they are tested without
// a network.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "llm/message.hpp"

namespace nectr::llm {

// The JSON body for `request`: model, max_tokens (the request's, else `default_max_tokens`),
// system, messages with text / tool_use / tool_result blocks (tool results first in their
// turn, as the API requires; empty text blocks left out), tools with input_schema,
// tool_choice {"type":"none"} for ToolChoice::kNone, temperature. A tool call whose arguments
// are not a JSON object is sent with input {}. kInvalidInput when a tool's input_schema is
// not a JSON object.
core::Result<std::string> EncodeAnthropicRequest(const CompletionRequest& request,
                                                 std::string_view model, int default_max_tokens);

// A 200 body: text blocks joined, tool_use blocks as ToolCalls (input as JSON text), the
// stop_reason, and usage (input, output, cache read and cache creation tokens). Other block
// types (thinking) are skipped. kUpstream when the body is not a message.
core::Result<Completion> DecodeAnthropicResponse(std::string_view body);

// A non-2xx answer: {"type":"error","error":{"type":"...","message":"..."}} becomes
// ApiError("anthropic", status, type, message); any other body gives the status alone.
core::Error DecodeAnthropicError(int status, std::string_view body);

}  // namespace nectr::llm
