#include "index/identifiers.hpp"

#include <algorithm>
#include <unordered_set>

namespace nectr::index {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordByte(char c) {
    return IsUpper(c) || IsLower(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0x80;
}
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends the camelCase words of an alphanumeric run (no separators inside) to `out`.
void SplitRun(std::string_view run, std::vector<std::string>& out) {
    std::string word;
    for (std::size_t i = 0; i < run.size(); ++i) {
        const char c = run[i];
        if (i > 0 && IsUpper(c)) {
            const char before = run[i - 1];
            const bool after_lower = IsLower(before) || IsDigit(before);
            // "HTTPServer": the S starts a word because a lowercase letter follows it.
            const bool acronym_end = IsUpper(before) && i + 1 < run.size() && IsLower(run[i + 1]);
            if ((after_lower || acronym_end) && !word.empty()) {
                out.push_back(std::move(word));
                word.clear();
            }
        }
        word.push_back(Lower(c));
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
}

// Calls `visit` with each maximal run of word bytes in `text`.
template <typename Visit>
void ForEachRun(std::string_view text, Visit&& visit) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !IsWordByte(text[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && IsWordByte(text[i])) {
            ++i;
        }
        if (i > start) {
            visit(text.substr(start, i - start));
        }
    }
}

// Calls `visit` with each identifier of `text` as written: runs of word bytes and '_'.
template <typename Visit>
void ForEachIdentifier(std::string_view text, Visit&& visit) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        while (i < text.size() && (IsWordByte(text[i]) || text[i] == '_')) {
            ++i;
        }
        if (i > start) {
            visit(text.substr(start, i - start));
        } else {
            ++i;
        }
    }
}

bool HasCamelBoundary(std::string_view run) {
    for (std::size_t i = 1; i < run.size(); ++i) {
        if (IsUpper(run[i]) &&
            (IsLower(run[i - 1]) || IsDigit(run[i - 1]) ||
             (IsUpper(run[i - 1]) && i + 1 < run.size() && IsLower(run[i + 1])))) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<std::string> SplitIdentifier(std::string_view identifier) {
    std::vector<std::string> words;
    ForEachRun(identifier, [&words](std::string_view run) { SplitRun(run, words); });
    return words;
}

std::string IdentifierWords(std::string_view content) {
    std::string out;
    std::unordered_set<std::string_view> seen;
    std::vector<std::string> words;
    ForEachRun(content, [&](std::string_view run) {
        if (!HasCamelBoundary(run) || !seen.insert(run).second) {
            return;
        }
        words.clear();
        SplitRun(run, words);
        for (const std::string& word : words) {
            if (!out.empty()) {
                out.push_back(' ');
            }
            out += word;
        }
    });
    return out;
}

QueryTerms AnalyzeQuery(std::string_view query) {
    QueryTerms result;
    auto add = [&result](std::string term) {
        if (result.terms.size() < kMaxQueryTerms &&
            std::find(result.terms.begin(), result.terms.end(), term) == result.terms.end()) {
            result.terms.push_back(std::move(term));
        }
    };
    std::vector<std::string> words;
    ForEachIdentifier(query, [&result](std::string_view identifier) {
        if (SplitIdentifier(identifier).size() > 1) {
            result.identifiers.push_back(FoldIdentifier(identifier));
        }
    });
    ForEachRun(query, [&](std::string_view run) {
        std::string folded = FoldIdentifier(run);
        result.joined += folded;
        std::vector<std::string> group{folded};
        add(std::move(folded));
        words.clear();
        SplitRun(run, words);
        if (words.size() > 1) {
            group.insert(group.end(), words.begin(), words.end());
            for (std::string& word : words) {
                add(std::move(word));
            }
        }
        if (result.groups.size() < kMaxQueryTerms &&
            std::find(result.groups.begin(), result.groups.end(), group) == result.groups.end()) {
            result.groups.push_back(std::move(group));
        }
    });
    return result;
}

std::vector<std::string> SymbolNameVariants(std::string_view query) {
    std::vector<std::string> names;
    auto add = [&names](std::string name) {
        if (!name.empty() && names.size() < kMaxNameVariants &&
            std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    };
    std::vector<std::string_view> identifiers;
    ForEachIdentifier(
        query, [&identifiers](std::string_view identifier) { identifiers.push_back(identifier); });
    for (std::string_view identifier : identifiers) {
        if (identifiers.size() == 1 || SplitIdentifier(identifier).size() > 1) {
            add(std::string(identifier));
        }
    }
    const std::vector<std::string> words = SplitIdentifier(query);
    if (words.empty() || words.size() > kMaxNameWords) {
        return words.size() > kMaxNameWords ? std::vector<std::string>() : names;
    }
    std::string pascal;
    std::string snake;
    for (const std::string& word : words) {
        pascal += static_cast<char>(IsLower(word[0]) ? word[0] - 'a' + 'A' : word[0]);
        pascal += word.substr(1);
        snake += (snake.empty() ? "" : "_") + word;
    }
    std::string camel = pascal;
    camel[0] = Lower(camel[0]);
    std::string screaming = snake;
    for (char& c : screaming) {
        c = IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c;
    }
    add(pascal);
    add(camel);
    add(snake);
    add(screaming);
    return names;
}

std::string FoldIdentifier(std::string_view identifier) {
    std::string out;
    out.reserve(identifier.size());
    for (char c : identifier) {
        if (IsWordByte(c)) {
            out.push_back(Lower(c));
        }
    }
    return out;
}

}  // namespace nectr::index
