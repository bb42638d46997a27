#include "llm/json_extract.hpp"

#include <utility>

#include "llm/json_fields.hpp"

namespace nectr::llm {

namespace {

std::string_view Trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);  // a byte-order mark some servers keep
    }
    auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

bool IsObject(std::string_view candidate) {
    return candidate.starts_with('{') && ParseObject(candidate).has_value();
}

// The bodies of ``` fences: the text after the opening fence's line up to the next fence.
std::optional<std::string_view> FromFences(std::string_view text) {
    std::size_t from = 0;
    while (true) {
        auto open = text.find("```", from);
        if (open == std::string_view::npos) {
            return std::nullopt;
        }
        auto line_end = text.find('\n', open);
        if (line_end == std::string_view::npos) {
            return std::nullopt;
        }
        auto close = text.find("```", line_end);
        std::string_view body =
            Trim(text.substr(line_end + 1, close == std::string_view::npos ? std::string_view::npos
                                                                           : close - line_end - 1));
        if (IsObject(body)) {
            return body;
        }
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        from = close + 3;
    }
}

// The end (one past the matching '}') of the object that starts at `open`, skipping braces
// inside strings; npos when it never closes.
std::size_t MatchingBrace(std::string_view text, std::size_t open) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = open; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

// Each start costs a scan to its end, so a text of nothing but braces is cut short.
constexpr int kMaxStarts = 200;

std::optional<std::string_view> FromBalancedSpans(std::string_view text) {
    int starts = 0;
    for (auto open = text.find('{'); open != std::string_view::npos && starts < kMaxStarts;
         open = text.find('{', open + 1), ++starts) {
        auto end = MatchingBrace(text, open);
        if (end == std::string_view::npos) {
            continue;
        }
        std::string_view candidate = text.substr(open, end - open);
        if (IsObject(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> FindJsonObject(std::string_view text) {
    std::string_view whole = Trim(text);
    if (IsObject(whole)) {
        return whole;
    }
    if (auto fenced = FromFences(text)) {
        return fenced;
    }
    return FromBalancedSpans(text);
}

core::Result<boost::json::object> ExtractJsonObject(std::string_view text) {
    auto found = FindJsonObject(text);
    if (!found) {
        return core::MakeError(core::Errc::kUpstream, "no JSON object in the model's answer");
    }
    auto parsed = ParseObject(*found);
    if (!parsed) {
        return core::MakeError(core::Errc::kUpstream, "the model's JSON: " + parsed.error().detail);
    }
    return std::move(parsed->as_object());
}

}  // namespace nectr::llm
