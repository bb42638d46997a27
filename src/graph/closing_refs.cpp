#include "graph/closing_refs.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "graph/developer_identity.hpp"

namespace nectr::graph {
namespace {

// The longest keywords first, so that "closes" is not read as "close" and a stray "s".
constexpr std::array<std::string_view, 9> kKeywords = {
    "resolves", "resolved", "resolve", "closes", "closed", "close", "fixes", "fixed", "fix"};

// Issue numbers stop at nine digits: GitHub's are far below, and the value fits an int.
constexpr std::size_t kMaxDigits = 9;

bool IsWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && LowerAscii(text.substr(0, prefix.size())) == prefix;
}

// "#N" at the start of `text` followed by no word character: N.
std::optional<int> IssueNumberAt(std::string_view text) {
    if (text.empty() || text.front() != '#') {
        return std::nullopt;
    }
    std::size_t digits = 1;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    const std::size_t count = digits - 1;
    if (count == 0 || count > kMaxDigits || (digits < text.size() && IsWordChar(text[digits]))) {
        return std::nullopt;
    }
    int number = 0;
    for (std::size_t i = 1; i < digits; ++i) {
        number = number * 10 + (text[i] - '0');
    }
    return number > 0 ? std::optional<int>(number) : std::nullopt;
}

// The reference after a keyword: "#N", or "owner/repo#N" of this repository.
std::optional<int> ReferenceAt(std::string_view text, std::string_view repo_lower) {
    if (!text.empty() && text.front() == '#') {
        return IssueNumberAt(text);
    }
    if (!StartsWithIgnoringCase(text, repo_lower)) {
        return std::nullopt;
    }
    return IssueNumberAt(text.substr(repo_lower.size()));
}

// The length of the keyword at the start of `text`; 0 when there is none.
std::size_t KeywordAt(std::string_view text) {
    for (const std::string_view keyword : kKeywords) {
        if (StartsWithIgnoringCase(text, keyword) &&
            (text.size() == keyword.size() || !IsWordChar(text[keyword.size()]))) {
            return keyword.size();
        }
    }
    return 0;
}

}  // namespace

std::vector<int> ParseClosingReferences(std::string_view text, std::string_view repo_full_name) {
    const std::string repo_lower = LowerAscii(repo_full_name);
    std::vector<int> numbers;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && IsWordChar(text[i - 1])) {
            continue;
        }
        const std::size_t keyword = KeywordAt(text.substr(i));
        if (keyword == 0) {
            continue;
        }
        std::size_t at = i + keyword;
        if (at < text.size() && text[at] == ':') {
            ++at;
        }
        const std::size_t before_space = at;
        while (at < text.size() && IsSpace(text[at])) {
            ++at;
        }
        if (at == before_space) {
            continue;  // "fix#3" is not a closing reference
        }
        if (std::optional<int> number = ReferenceAt(text.substr(at), repo_lower)) {
            numbers.push_back(*number);
        }
        i = at - 1;
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

}  // namespace nectr::graph
