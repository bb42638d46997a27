#include "review/diff_paths.hpp"

namespace nectr::review {
namespace {

std::optional<char> SimpleEscape(char c) {
    switch (c) {
        case 'a':
            return '\a';
        case 'b':
            return '\b';
        case 't':
            return '\t';
        case 'n':
            return '\n';
        case 'v':
            return '\v';
        case 'f':
            return '\f';
        case 'r':
            return '\r';
        case '"':
            return '"';
        case '\\':
            return '\\';
        default:
            return std::nullopt;
    }
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// git writes a byte as exactly three octal digits, "\303".
std::optional<char> OctalEscape(std::string_view digits) {
    if (digits.size() < 3 || !IsOctal(digits[0]) || !IsOctal(digits[1]) || !IsOctal(digits[2])) {
        return std::nullopt;
    }
    const int value = (digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0');
    if (value > 255) {
        return std::nullopt;
    }
    return static_cast<char>(value);
}

bool NeedsQuotes(std::string_view name) {
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\' || byte < 0x20 || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

// The name without its first path component ("a/src/x.c" -> "src/x.c"), or the whole name
// when it has none (a diff made with --no-prefix).
std::string_view WithoutFirstComponent(std::string_view name) {
    const std::size_t slash = name.find('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::optional<std::pair<std::string, std::string>> SplitUnquotedNames(std::string_view text) {
    for (std::size_t space = text.find(' '); space != std::string_view::npos;
         space = text.find(' ', space + 1)) {
        const std::string_view first = text.substr(0, space);
        const std::string_view second = text.substr(space + 1);
        if (!first.empty() && !second.empty() &&
            WithoutFirstComponent(first) == WithoutFirstComponent(second)) {
            return std::make_pair(std::string(first), std::string(second));
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> UnquoteCString(std::string_view text, std::size_t& consumed) {
    if (text.empty() || text[0] != '"') {
        return std::nullopt;
    }
    std::string out;
    std::size_t i = 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            consumed = i + 1;
            return out;
        }
        if (c != '\\') {
            out.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 >= text.size()) {
            return std::nullopt;
        }
        if (auto simple = SimpleEscape(text[i + 1])) {
            out.push_back(*simple);
            i += 2;
        } else if (auto byte = OctalEscape(text.substr(i + 1))) {
            out.push_back(*byte);
            i += 4;
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string QuoteNameIfNeeded(std::string_view name) {
    if (!NeedsQuotes(name)) {
        return std::string(name);
    }
    static constexpr std::string_view kLetters = "abtnvfr";
    static constexpr std::string_view kCodes = "\a\b\t\n\v\f\r";
    std::string out = "\"";
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (std::size_t code = kCodes.find(c); code != std::string_view::npos) {
            out += '\\';
            out += kLetters[code];
        } else if (byte < 0x20 || byte == 0x7f) {
            out += '\\';
            out += static_cast<char>('0' + (byte >> 6));
            out += static_cast<char>('0' + ((byte >> 3) & 7));
            out += static_cast<char>('0' + (byte & 7));
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

std::optional<std::string> ParseHeaderName(std::string_view text) {
    if (!text.empty() && text[0] == '"') {
        std::size_t consumed = 0;
        return UnquoteCString(text, consumed);
    }
    const std::size_t tab = text.find('\t');
    return std::string(tab == std::string_view::npos ? text : text.substr(0, tab));
}

std::string StripPrefix(std::string name, std::string_view prefix) {
    if (name.starts_with(prefix)) {
        name.erase(0, prefix.size());
    }
    return name;
}

std::optional<std::pair<std::string, std::string>> SplitGitHeaderNames(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    if (text[0] == '"') {
        std::size_t consumed = 0;
        auto first = UnquoteCString(text, consumed);
        if (!first || consumed >= text.size() || text[consumed] != ' ') {
            return std::nullopt;
        }
        const std::string_view rest = text.substr(consumed + 1);
        if (rest.empty()) {
            return std::nullopt;
        }
        if (rest[0] != '"') {
            return std::make_pair(std::move(*first), std::string(rest));
        }
        auto second = UnquoteCString(rest, consumed);
        if (!second || consumed != rest.size()) {
            return std::nullopt;
        }
        return std::make_pair(std::move(*first), std::move(*second));
    }
    // An unquoted name cannot contain '"' (git would have quoted it), so a quote after a space
    // starts the second name.
    if (const std::size_t quote = text.find(" \""); quote != std::string_view::npos) {
        std::size_t consumed = 0;
        const std::string_view rest = text.substr(quote + 1);
        auto second = UnquoteCString(rest, consumed);
        if (!second || consumed != rest.size() || quote == 0) {
            return std::nullopt;
        }
        return std::make_pair(std::string(text.substr(0, quote)), std::move(*second));
    }
    return SplitUnquotedNames(text);
}

}  // namespace nectr::review
