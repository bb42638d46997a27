#include "review/glob.hpp"

#include <bitset>
#include <vector>

namespace nectr::review {
namespace {

enum class Kind {
    kLiteral,
    kAny,         // ?
    kClass,       // [...]
    kStar,        // * within a segment
    kEverything,  // a final **: anything, '/' included
    kFolders,     // **/ : nothing, or anything that ends with '/'
};

struct Token {
    Kind kind = Kind::kLiteral;
    char literal = 0;
    std::bitset<256> set;  // for kClass: the characters it accepts
};

Token Of(Kind kind, char literal = 0) {
    Token token;
    token.kind = kind;
    token.literal = literal;
    return token;
}

// Reads "[...]" at pattern[i] into `token`; returns the index after its ']', or npos when the
// class is never closed.
std::size_t ReadClass(std::string_view pattern, std::size_t i, Token& token) {
    std::size_t j = i + 1;
    bool negate = j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^');
    if (negate) {
        ++j;
    }
    std::bitset<256> set;
    bool first = true;
    while (j < pattern.size() && (first || pattern[j] != ']')) {
        unsigned char low = static_cast<unsigned char>(pattern[j]);
        if (pattern[j] == '\\' && j + 1 < pattern.size()) {
            low = static_cast<unsigned char>(pattern[++j]);
        }
        unsigned char high = low;
        if (j + 2 < pattern.size() && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
            high = static_cast<unsigned char>(pattern[j + 2]);
            j += 2;
        }
        for (unsigned c = low; c <= high; ++c) {
            set.set(c);
        }
        first = false;
        ++j;
    }
    if (j >= pattern.size()) {
        return std::string_view::npos;
    }
    token.kind = Kind::kClass;
    token.set = negate ? ~set : set;
    token.set.reset(static_cast<unsigned char>('/'));
    return j + 1;
}

std::vector<Token> Tokenize(std::string_view pattern) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < pattern.size()) {
        const bool segment_start = i == 0 || pattern[i - 1] == '/';
        const char c = pattern[i];
        if (c == '*' && segment_start && pattern.substr(i, 2) == "**" &&
            (i + 2 == pattern.size() || pattern[i + 2] == '/')) {
            const bool last = i + 2 == pattern.size();
            tokens.push_back(Of(last ? Kind::kEverything : Kind::kFolders));
            i += last ? 2 : 3;
        } else if (c == '*') {
            if (tokens.empty() || tokens.back().kind != Kind::kStar) {
                tokens.push_back(Of(Kind::kStar));
            }
            ++i;
        } else if (c == '?') {
            tokens.push_back(Of(Kind::kAny));
            ++i;
        } else if (c == '[') {
            Token token;
            std::size_t next = ReadClass(pattern, i, token);
            if (next == std::string_view::npos) {
                tokens.push_back(Of(Kind::kLiteral, '['));
                ++i;
            } else {
                tokens.push_back(token);
                i = next;
            }
        } else if (c == '\\' && i + 1 < pattern.size()) {
            tokens.push_back(Of(Kind::kLiteral, pattern[i + 1]));
            i += 2;
        } else {
            tokens.push_back(Of(Kind::kLiteral, c));
            ++i;
        }
    }
    return tokens;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
    const std::vector<Token> tokens = Tokenize(pattern);
    const std::size_t m = path.size();
    // next[j]: do tokens i+1.. match path[j..]?  row[j]: do tokens i.. match path[j..]?
    std::vector<char> next(m + 1, 0);
    std::vector<char> row(m + 1, 0);
    std::vector<char> through_slash(m + 1, 0);
    next[m] = 1;
    for (std::size_t i = tokens.size(); i-- > 0;) {
        const Token& token = tokens[i];
        through_slash[m] = 0;
        for (std::size_t j = m + 1; j-- > 0;) {
            const bool more = j < m;
            const unsigned char c = more ? static_cast<unsigned char>(path[j]) : 0;
            bool match = false;
            switch (token.kind) {
                case Kind::kLiteral:
                    match = more && path[j] == token.literal && next[j + 1];
                    break;
                case Kind::kAny:
                    match = more && path[j] != '/' && next[j + 1];
                    break;
                case Kind::kClass:
                    match = more && token.set.test(c) && next[j + 1];
                    break;
                case Kind::kStar:
                    match = next[j] || (more && path[j] != '/' && row[j + 1]);
                    break;
                case Kind::kEverything:
                    match = next[j] || (more && row[j + 1]);
                    break;
                case Kind::kFolders:
                    // Consume up to and including some later '/', then go on with the rest.
                    if (more) {
                        const bool ends_here = path[j] == '/' && next[j + 1] != 0;
                        through_slash[j] = (ends_here || through_slash[j + 1] != 0) ? 1 : 0;
                    }
                    match = next[j] || (more && through_slash[j]);
                    break;
            }
            row[j] = match ? 1 : 0;
        }
        next.swap(row);
    }
    return next[0] != 0;
}

bool PathMatchesGlob(std::string_view pattern, std::string_view path) {
    if (pattern.starts_with("./")) {
        pattern.remove_prefix(2);
    }
    bool anchored = false;
    if (pattern.starts_with('/')) {
        pattern.remove_prefix(1);
        anchored = true;
    }
    const bool folders_only = pattern.ends_with('/');
    if (folders_only) {
        pattern.remove_suffix(1);
    }
    if (pattern.empty() || pattern.starts_with('!')) {
        return false;
    }
    anchored = anchored || pattern.find('/') != std::string_view::npos;
    // Try each folder that holds the file, then the file itself.
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const bool is_file = slash == std::string_view::npos;
        if (is_file && folders_only) {
            return false;
        }
        const std::size_t end = is_file ? path.size() : slash;
        const std::string_view candidate =
            anchored ? path.substr(0, end) : path.substr(start, end - start);
        if (GlobMatch(pattern, candidate)) {
            return true;
        }
        if (is_file) {
            return false;
        }
        start = slash + 1;
    }
}

}  // namespace nectr::review
