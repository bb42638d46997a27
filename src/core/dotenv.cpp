#include "core/dotenv.hpp"

#include <cctype>

namespace nectr::core {
namespace {

bool IsKeyChar(char c, bool first) {
    bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
    return first ? alpha : alpha || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

// Reads a double-quoted value starting after the opening quote; false if it never closes.
bool ReadDoubleQuoted(std::string_view rest, std::string& out, std::string_view& after) {
    for (std::size_t i = 0; i < rest.size(); ++i) {
        char c = rest[i];
        if (c == '"') {
            after = rest.substr(i + 1);
            return true;
        }
        if (c == '\\' && i + 1 < rest.size()) {
            char next = rest[++i];
            switch (next) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                default:
                    out += next;
            }
            continue;
        }
        out += c;
    }
    return false;
}

Result<std::string> ReadValue(std::string_view raw, std::size_t line_number) {
    std::string_view text = Trim(raw);
    auto error = [line_number](const std::string& why) {
        return MakeError(Errc::kInvalidInput,
                         ".env line " + std::to_string(line_number) + ": " + why);
    };
    std::string value;
    std::string_view after;
    if (!text.empty() && text.front() == '"') {
        if (!ReadDoubleQuoted(text.substr(1), value, after)) {
            return error("the double-quoted value is not closed");
        }
    } else if (!text.empty() && text.front() == '\'') {
        auto close = text.find('\'', 1);
        if (close == std::string_view::npos) {
            return error("the single-quoted value is not closed");
        }
        value = std::string(text.substr(1, close - 1));
        after = text.substr(close + 1);
    } else {
        // An unquoted value ends at " #", which starts a comment.
        auto comment = text.find(" #");
        value = std::string(Trim(text.substr(0, comment)));
        return value;
    }
    after = Trim(after);
    if (!after.empty() && after.front() != '#') {
        return error("unexpected text after the closing quote");
    }
    return value;
}

}  // namespace

Result<std::map<std::string, std::string>> ParseDotenv(std::string_view text) {
    std::map<std::string, std::string> values;
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        line = Trim(line);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.starts_with("export ")) {
            line = Trim(line.substr(7));
        }
        auto eq = line.find('=');
        std::string_view key = Trim(line.substr(0, eq));
        bool key_ok = !key.empty() && IsKeyChar(key.front(), true);
        for (char c : key) {
            key_ok = key_ok && IsKeyChar(c, false);
        }
        if (eq == std::string_view::npos || !key_ok) {
            return MakeError(Errc::kInvalidInput,
                             ".env line " + std::to_string(line_number) + ": expected KEY=VALUE");
        }
        std::string raw_value(line.substr(eq + 1));
        std::string_view trimmed = Trim(raw_value);
        if (trimmed.starts_with('"')) {
            // Keep appending lines while the double quote is not closed.
            std::string scratch;
            std::string_view after;
            while (!ReadDoubleQuoted(Trim(raw_value).substr(1), scratch, after) && !text.empty()) {
                scratch.clear();
                auto next = text.find('\n');
                raw_value += "\n" + std::string(text.substr(0, next));
                text = next == std::string_view::npos ? std::string_view() : text.substr(next + 1);
                ++line_number;
            }
        }
        Result<std::string> value = ReadValue(raw_value, line_number);
        if (!value) {
            return value.error();
        }
        values[std::string(key)] = std::move(*value);
    }
    return values;
}

}  // namespace nectr::core
