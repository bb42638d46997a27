#include "webhooks/command.hpp"

#include <cctype>
#include <cstddef>

namespace nectr::webhooks {
namespace {

constexpr std::string_view kCommandPrefix = "/nectr";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view SkipBlanks(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && IsBlank(text[i])) {
        ++i;
    }
    return text.substr(i);
}

// Case-insensitive: people type "/Nectr Review" on phones.
bool StartsWithWord(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) {
            return false;
        }
    }
    return text.size() == word.size() || IsBlank(text[word.size()]);
}

bool IsFence(std::string_view line) { return line.starts_with("```") || line.starts_with("~~~"); }

std::optional<Command> CommandOnLine(std::string_view line) {
    if (!StartsWithWord(line, kCommandPrefix)) {
        return std::nullopt;
    }
    const std::string_view rest = SkipBlanks(line.substr(kCommandPrefix.size()));
    if (StartsWithWord(rest, "review")) {
        return Command::kReview;
    }
    if (StartsWithWord(rest, "help")) {
        return Command::kHelp;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Command> FindCommand(std::string_view comment_body) {
    bool in_fence = false;
    std::size_t start = 0;
    while (start < comment_body.size()) {
        std::size_t end = comment_body.find('\n', start);
        if (end == std::string_view::npos) {
            end = comment_body.size();
        }
        std::string_view line = comment_body.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);  // comments typed in the browser arrive with CRLF
        }
        line = SkipBlanks(line);
        start = end + 1;
        if (IsFence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) {
            continue;
        }
        if (auto command = CommandOnLine(line)) {
            return command;
        }
    }
    return std::nullopt;
}

bool IsBotAccount(std::string_view login, std::string_view type) {
    return type == "Bot" || login.ends_with("[bot]");
}

}  // namespace nectr::webhooks
