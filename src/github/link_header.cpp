#include "github/link_header.hpp"

#include <utility>
#include <vector>

#include "core/text.hpp"

namespace nectr::github {
namespace {

// True when the parameters of one link (after its <url>) include rel="next" (or rel=next, or
// a rel list such as rel="next last").
bool HasRelNext(std::string_view params) {
    std::size_t start = 0;
    while (start <= params.size()) {
        std::size_t semicolon = params.find(';', start);
        std::string_view param = core::TrimBlanks(params.substr(start, semicolon - start));
        if (param.size() > 4 && param.substr(0, 4) == "rel=") {
            std::string_view value = param.substr(4);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            std::size_t word_start = 0;
            while (word_start <= value.size()) {
                std::size_t space = value.find(' ', word_start);
                if (value.substr(word_start, space - word_start) == "next") {
                    return true;
                }
                if (space == std::string_view::npos) {
                    break;
                }
                word_start = space + 1;
            }
        }
        if (semicolon == std::string_view::npos) {
            break;
        }
        start = semicolon + 1;
    }
    return false;
}

using Params = std::vector<std::pair<std::string, std::string>>;

Params SplitQuery(std::string_view query) {
    Params params;
    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t amp = query.find('&', start);
        std::string_view pair = query.substr(start, amp - start);
        if (!pair.empty()) {
            std::size_t equals = pair.find('=');
            params.emplace_back(std::string(pair.substr(0, equals)),
                                equals == std::string_view::npos
                                    ? std::string()
                                    : std::string(pair.substr(equals + 1)));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        start = amp + 1;
    }
    return params;
}

}  // namespace

std::optional<std::string> FindNextLink(std::string_view link_header) {
    std::size_t pos = 0;
    while (true) {
        const std::size_t open = link_header.find('<', pos);
        if (open == std::string_view::npos) {
            return std::nullopt;
        }
        const std::size_t close = link_header.find('>', open);
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        // The parameters run to the next link, which starts with ",<" (commas cannot appear
        // unquoted inside GitHub's parameters).
        std::size_t end = link_header.find('<', close);
        std::string_view params = link_header.substr(close + 1, end - close - 1);
        if (const std::size_t comma = params.rfind(','); comma != std::string_view::npos) {
            params = params.substr(0, comma);
        }
        if (HasRelNext(params)) {
            return std::string(link_header.substr(open + 1, close - open - 1));
        }
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        pos = end;
    }
}

std::optional<std::string> NextPagePath(std::string_view current, std::string_view next_link) {
    const std::size_t next_question = next_link.find('?');
    if (next_question == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t question = current.find('?');
    const std::string_view path = current.substr(0, question);
    Params params =
        SplitQuery(question == std::string_view::npos ? "" : current.substr(question + 1));
    bool changed = false;
    for (auto& [key, value] : SplitQuery(next_link.substr(next_question + 1))) {
        auto existing = params.begin();
        while (existing != params.end() && existing->first != key) {
            ++existing;
        }
        if (existing == params.end()) {
            params.emplace_back(key, value);
            changed = true;
        } else if (existing->second != value) {
            existing->second = value;
            changed = true;
        }
    }
    if (!changed) {
        return std::nullopt;
    }
    std::string next(path);
    char separator = '?';
    for (const auto& [key, value] : params) {
        next.push_back(separator);
        next += key;
        next.push_back('=');
        next += value;
        separator = '&';
    }
    return next;
}

}  // namespace nectr::github
