#include "review/change_query.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <unordered_map>

namespace nectr::review {
namespace {

// Keywords and names so common that they find everything: never part of a change's query.
const std::set<std::string_view>& CommonWords() {
    static const std::set<std::string_view> kWords = {
        "and",       "any",        "args",    "arguments",   "array",      "assert",   "async",
        "auto",      "await",      "bool",    "boolean",     "break",      "byte",     "case",
        "catch",     "char",       "class",   "const",       "constexpr",  "continue", "data",
        "def",       "default",    "define",  "defined",     "delete",     "dict",     "double",
        "elif",      "else",       "end",     "endif",       "enum",       "err",      "error",
        "except",    "explicit",   "export",  "extends",     "extern",     "false",    "final",
        "finally",   "float",      "for",     "from",        "func",       "function", "get",
        "if",        "ifdef",      "ifndef",  "impl",        "implements", "import",   "include",
        "inline",    "instanceof", "int",     "interface",   "isinstance", "key",      "lambda",
        "len",       "let",        "list",    "long",        "map",        "match",    "mut",
        "namespace", "new",        "nil",     "none",        "noexcept",   "not",      "null",
        "nullptr",   "number",     "object",  "operator",    "override",   "package",  "pass",
        "print",     "printf",     "private", "protected",   "pub",        "public",   "raise",
        "range",     "return",     "self",    "set",         "short",      "signed",   "size",
        "sizeof",    "size_t",     "static",  "static_cast", "std",        "str",      "string",
        "struct",    "super",      "switch",  "template",    "then",       "this",     "throw",
        "throws",    "true",       "try",     "type",        "typedef",    "typename", "typeof",
        "uint",      "undefined",  "union",   "unsigned",    "use",        "using",    "value",
        "var",       "virtual",    "void",    "volatile",    "while",      "with",     "yield"};
    return kWords;
}

// Words after which a line defines the name that follows.
bool IsDefiningKeyword(std::string_view word) {
    static const std::set<std::string_view> kKeywords = {
        "class",     "def",    "enum",   "fn",    "func", "function",
        "interface", "module", "struct", "trait", "type", "union"};
    return kKeywords.contains(word);
}

bool IsIdentifierStart(unsigned char c) { return std::isalpha(c) != 0 || c == '_'; }
bool IsIdentifierChar(unsigned char c) { return std::isalnum(c) != 0 || c == '_'; }

// camelCase, PascalCase with two words, snake_case or SCREAMING_CASE: names one thing.
bool IsCompound(std::string_view name) {
    for (std::size_t i = 1; i < name.size(); ++i) {
        const auto prev = static_cast<unsigned char>(name[i - 1]);
        const auto c = static_cast<unsigned char>(name[i]);
        if ((c == '_' && i + 1 < name.size()) || (std::islower(prev) != 0 && std::isupper(c))) {
            return true;
        }
    }
    return false;
}

// Upper case, digits and underscores only, with two letters at least.
bool IsScreaming(std::string_view name) {
    std::size_t letters = 0;
    for (unsigned char c : name) {
        if (std::islower(c) != 0) {
            return false;
        }
        letters += std::isupper(c) != 0 ? 1 : 0;
    }
    return letters >= 2;
}

// The code of a line without a trailing // comment and without a whole-line comment.
std::string_view CodeOf(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    line.remove_prefix(first);
    if (line.starts_with("# ") || line.starts_with("* ") || line.starts_with("/*") ||
        line.starts_with("--") || line == "*") {
        return {};
    }
    const std::size_t comment = line.find("//");
    return comment == std::string_view::npos ? line : line.substr(0, comment);
}

struct Tally {
    double weight = 0;
    std::size_t first_seen = 0;
};

class IdentifierScores {
public:
    // `define_weight`: a name after a defining keyword; `call_weight`: a name followed by "(";
    // `use_weight`: a compound name used otherwise. Plain words only used do not count.
    void AddLine(std::string_view line, double define_weight, double call_weight,
                 double use_weight) {
        std::string_view previous;
        std::size_t at = 0;
        while (at < line.size()) {
            if (!IsIdentifierStart(static_cast<unsigned char>(line[at]))) {
                ++at;
                continue;
            }
            const std::size_t start = at;
            while (at < line.size() && IsIdentifierChar(static_cast<unsigned char>(line[at]))) {
                ++at;
            }
            const std::string_view name = line.substr(start, at - start);
            const std::size_t next = line.find_first_not_of(' ', at);
            const bool called = next != std::string_view::npos && line[next] == '(';
            const bool defined = IsDefiningKeyword(previous);
            if (defined) {
                Add(name, define_weight);
            } else if (called) {
                Add(name, call_weight);
            } else if (IsCompound(name)) {
                Add(name, use_weight);
            }
            previous = name;
        }
    }

    std::vector<std::string> Best(std::size_t limit) const {
        std::vector<std::pair<std::string, Tally>> ranked(tallies_.begin(), tallies_.end());
        auto score = [](const std::pair<std::string, Tally>& entry) {
            const double length =
                static_cast<double>(std::min<std::size_t>(entry.first.size(), 16));
            // A macro's name (BOOST_ASIO_CHECK_...) shares its words with every macro of its
            // library: a poor lead, and slow to search.
            const double macro = IsScreaming(entry.first) ? 0.4 : 1.0;
            return entry.second.weight * (IsCompound(entry.first) ? 1.5 : 1.0) * macro *
                   (1 + length / 8);
        };
        std::sort(ranked.begin(), ranked.end(), [&score](const auto& a, const auto& b) {
            const double sa = score(a);
            const double sb = score(b);
            return sa != sb ? sa > sb : a.second.first_seen < b.second.first_seen;
        });
        std::vector<std::string> out;
        for (std::size_t i = 0; i < ranked.size() && out.size() < limit; ++i) {
            out.push_back(ranked[i].first);
        }
        return out;
    }

private:
    void Add(std::string_view name, double weight) {
        if (name.size() < 3 || weight <= 0) {
            return;
        }
        std::string lower(name);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (CommonWords().contains(lower)) {
            return;
        }
        auto [it, added] = tallies_.try_emplace(std::string(name), Tally{0, tallies_.size()});
        // A name repeated on many lines is usually a local: three mentions say all it can.
        it->second.weight = std::min(it->second.weight + weight, 3 * weight);
    }

    std::unordered_map<std::string, Tally> tallies_;
};

void AddSpan(std::vector<std::pair<int, int>>& spans, int start, int end) {
    if (!spans.empty() && start <= spans.back().second + 1) {
        spans.back().second = std::max(spans.back().second, end);
        return;
    }
    spans.emplace_back(start, end);
}

}  // namespace

std::vector<std::string> ChangedIdentifiers(const std::vector<FileDiff>& files, std::size_t limit) {
    IdentifierScores scores;
    for (const FileDiff& file : files) {
        for (const review::Hunk& hunk : file.hunks) {
            // The function around the hunk: what the change is in. Git names none for a hunk
            // that starts at the function's first line: its definition is a context line then.
            scores.AddLine(hunk.section, 3.0, 3.0, 0.0);
            for (const review::DiffLine& line : hunk.lines) {
                if (line.kind != review::LineKind::kContext) {
                    scores.AddLine(CodeOf(line.text), 2.0, 2.0, 0.5);
                } else {
                    scores.AddLine(CodeOf(line.text), 1.5, 0.0, 0.0);
                }
            }
        }
    }
    return scores.Best(limit);
}

ChangedSpans ChangedLineSpans(const std::vector<FileDiff>& files) {
    ChangedSpans spans;
    for (const FileDiff& file : files) {
        auto& old_spans = spans[file.old_path];
        auto& new_spans = spans[file.new_path];
        std::vector<std::pair<int, int>> olds;
        std::vector<std::pair<int, int>> news;
        for (const review::Hunk& hunk : file.hunks) {
            int old_at = hunk.old_start - 1;  // the old line before the next one read
            for (const review::DiffLine& line : hunk.lines) {
                if (line.old_line) {
                    old_at = *line.old_line;
                }
                if (line.kind == review::LineKind::kRemoved && line.old_line) {
                    AddSpan(olds, *line.old_line, *line.old_line);
                } else if (line.kind == review::LineKind::kAdded && line.new_line) {
                    AddSpan(news, *line.new_line, *line.new_line);
                    // Lines inserted between two old lines touch both of them.
                    AddSpan(olds, std::max(1, old_at), old_at + 1);
                }
            }
        }
        old_spans.insert(old_spans.end(), olds.begin(), olds.end());
        new_spans.insert(new_spans.end(), news.begin(), news.end());
    }
    return spans;
}

bool OverlapsChange(const ChangedSpans& spans, const std::string& path, std::int64_t start,
                    std::int64_t end) {
    const auto found = spans.find(path);
    if (found == spans.end()) {
        return false;
    }
    return std::any_of(found->second.begin(), found->second.end(),
                       [&](const auto& span) { return start <= span.second && span.first <= end; });
}

}  // namespace nectr::review
