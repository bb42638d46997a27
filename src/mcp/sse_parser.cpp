#include "mcp/sse_parser.hpp"

namespace nectr::mcp {

std::vector<SseEvent> SseParser::Feed(std::string_view bytes) {
    std::vector<SseEvent> done;
    pending_.append(bytes);
    std::size_t start = 0;
    for (std::size_t end = pending_.find('\n'); end != std::string::npos;
         end = pending_.find('\n', start)) {
        std::string_view line(pending_.data() + start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        TakeLine(line, done);
        start = end + 1;
    }
    pending_.erase(0, start);
    return done;
}

void SseParser::TakeLine(std::string_view line, std::vector<SseEvent>& done) {
    if (line.empty()) {
        if (has_data_) {
            done.push_back(std::move(current_));
        }
        current_ = SseEvent{};
        has_data_ = false;
        return;
    }
    if (line.front() == ':') {
        return;  // a comment, e.g. a keep-alive
    }
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    if (value.starts_with(' ')) {
        value.remove_prefix(1);
    }
    if (field == "event") {
        current_.event = std::string(value);
    } else if (field == "data") {
        if (has_data_) {
            current_.data += '\n';
        }
        current_.data += value;
        has_data_ = true;
    }
}

}  // namespace nectr::mcp
