#include "llm/message.hpp"

#include <utility>

namespace nectr::llm {

Message Message::User(std::string text) {
    return Message{Role::kUser, {TextBlock{std::move(text)}}};
}

Message Message::Assistant(std::string text) {
    return Message{Role::kAssistant, {TextBlock{std::move(text)}}};
}

std::string Message::Text() const {
    std::string out;
    for (const auto& block : content) {
        if (const auto* text = std::get_if<TextBlock>(&block)) {
            out += text->text;
        }
    }
    return out;
}

Usage& Usage::operator+=(const Usage& other) {
    input_tokens += other.input_tokens;
    output_tokens += other.output_tokens;
    cache_read_tokens += other.cache_read_tokens;
    cache_write_tokens += other.cache_write_tokens;
    return *this;
}

std::string_view StopReasonName(StopReason reason) {
    switch (reason) {
        case StopReason::kEndTurn:
            return "end_turn";
        case StopReason::kToolUse:
            return "tool_use";
        case StopReason::kMaxTokens:
            return "max_tokens";
        case StopReason::kStopSequence:
            return "stop_sequence";
        case StopReason::kRefusal:
            return "refusal";
        case StopReason::kOther:
            break;
    }
    return "other";
}

Message Completion::AsAssistantMessage() const {
    Message message{Role::kAssistant, {}};
    if (!text.empty()) {
        message.content.emplace_back(TextBlock{text});
    }
    for (const auto& call : tool_calls) {
        message.content.emplace_back(call);
    }
    return message;
}

}  // namespace nectr::llm
