#pragma once

// Server-Sent Events as the MCP transports send them: events split by a blank line, `event:`
// and `data:` fields (several data lines joined by '\n'), comment lines ignored. Fed piece by
// piece as bytes arrive. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace nectr::mcp {

struct SseEvent {
    std::string event = "message";  // the default type when no `event:` line came
    std::string data;
};

class SseParser {
public:
    // Adds bytes; returns the events they completed.
    std::vector<SseEvent> Feed(std::string_view bytes);

private:
    void TakeLine(std::string_view line, std::vector<SseEvent>& done);

    std::string pending_;  // an incomplete line
    SseEvent current_;
    bool has_data_ = false;
};

}  // namespace nectr::mcp
