#pragma once

// The OpenAI-compatible chat completions wire format (POST {base}/chat/completions), as spoken
// by OpenAI, Ollama, vLLM, llama.cpp's server and OpenRouter: pure functions, like
// anthropic_codec.hpp.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "llm/message.hpp"

namespace nectr::llm {

// The JSON body for `request`: model, max_tokens, messages (a system message first, user and
// assistant text as plain strings, which every server accepts; assistant tool calls as
// tool_calls with the arguments string as the model sent it; each tool result as a "tool"
// message with its tool_call_id, prefixed "Error: " when it is one, since the format has no
// error flag), tools as {"type":"function","function":{...,"parameters"}}, tool_choice "none"
// for ToolChoice::kNone, temperature, and response_format {"type":"json_object"} for
// json_output. kInvalidInput when a tool's input_schema is not a JSON object.
core::Result<std::string> EncodeOpenAiRequest(const CompletionRequest& request,
                                              std::string_view model, int default_max_tokens);

// A 200 body: the first choice's content (or its refusal), tool_calls (arguments kept as the
// text the model produced, even when that is not JSON; an object is serialised; a missing id
// becomes "call_<n>"), finish_reason, and usage (prompt tokens less cached ones as input,
// prompt_tokens_details.cached_tokens as cache reads). kUpstream when there is no choice.
core::Result<Completion> DecodeOpenAiResponse(std::string_view body);

// A non-2xx answer: {"error":{"message","type","code"}} or {"error":"message"} (Ollama).
core::Error DecodeOpenAiError(int status, std::string_view body);

}  // namespace nectr::llm
