#include "index/symbol_ends.hpp"

#include <optional>

#include "index/language.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

// The block must open this close to the symbol's line (long parameter lists included), or
// the symbol has no block of its own ("type Id int", "fun f() = 1").
constexpr int kMaxLinesToOpen = 12;

// Line endings after which a declaration goes on: a parameter list, a return type, an arrow.
constexpr std::string_view kContinuations[] = {",", "(", "=>", "->", ":", "=", "&&", "||", "<"};

bool Continues(std::string_view line, std::string_view next) {
    line = Trim(line);
    if (Trim(next).starts_with('{')) {
        return true;  // the brace on its own line
    }
    for (std::string_view ending : kContinuations) {
        if (line.ends_with(ending)) {
            return true;
        }
    }
    return false;
}
// A block longer than this is more likely a brace the scanner misread than a real symbol.
constexpr int kMaxBlockLines = 20000;

class BraceScanner {
public:
    explicit BraceScanner(std::string_view language)
        : quotes_(language == "rust"         ? "\""
                  : language == "javascript" ? "\"'`"
                                             : "\"'") {}

    // Scans from `start` (0-based); returns the 0-based line of the end, or nullopt.
    std::optional<int> FindEnd(std::span<const std::string_view> lines, int start) {
        const int last = std::min<int>(static_cast<int>(lines.size()) - 1, start + kMaxBlockLines);
        for (int line = start; line <= last; ++line) {
            if (!opened_ && line - start >= kMaxLinesToOpen) {
                return std::nullopt;
            }
            const std::string_view text = lines[static_cast<std::size_t>(line)];
            if (auto end = ScanLine(text)) {
                return *end ? std::optional<int>(line) : std::nullopt;
            }
            // A field, an alias or an expression body: nothing opened and nothing says the
            // declaration goes on, so a brace further down belongs to something else.
            const std::string_view next =
                line + 1 <= last ? lines[static_cast<std::size_t>(line) + 1] : std::string_view();
            if (!opened_ && parens_ == 0 && !Continues(text, next)) {
                return std::nullopt;
            }
        }
        return std::nullopt;
    }

private:
    // nullopt: keep going; true: the symbol ends on this line; false: give up.
    std::optional<bool> ScanLine(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            const char next = i + 1 < text.size() ? text[i + 1] : '\0';
            if (in_block_comment_) {
                if (c == '*' && next == '/') {
                    in_block_comment_ = false;
                    ++i;
                }
                continue;
            }
            if (quote_ != '\0') {
                if (c == '\\') {
                    ++i;
                } else if (c == quote_) {
                    quote_ = '\0';
                }
                continue;
            }
            if (c == '/' && next == '/') {
                break;  // the rest of the line is a comment
            }
            if (c == '/' && next == '*') {
                in_block_comment_ = true;
                ++i;
            } else if (quotes_.find(c) != std::string_view::npos) {
                quote_ = c;
            } else if (!opened_ && (c == '(' || c == '[')) {
                ++parens_;
            } else if (!opened_ && (c == ')' || c == ']')) {
                --parens_;
            } else if (c == '{') {
                ++depth_;
                opened_ = true;
            } else if (c == '}') {
                if (--depth_ < 0) {
                    return false;  // closes a block the symbol did not open: misread
                }
                if (opened_ && depth_ == 0) {
                    return true;
                }
            } else if (c == ';' && !opened_ && depth_ == 0 && parens_ == 0) {
                return true;  // a declaration without a body
            }
        }
        if (quote_ != '`') {
            quote_ = '\0';  // only template literals span lines
        }
        return std::nullopt;
    }

    std::string_view quotes_;
    char quote_ = '\0';
    bool in_block_comment_ = false;
    bool opened_ = false;
    int depth_ = 0;
    int parens_ = 0;  // open parentheses and brackets before the block
};

}  // namespace

void FillMissingEnds(std::span<const std::string_view> lines, std::string_view language,
                     std::vector<Symbol>& symbols) {
    if (!HasBraceBlocks(language)) {
        return;
    }
    for (Symbol& symbol : symbols) {
        if (symbol.end_line || symbol.start_line < 1 ||
            symbol.start_line > static_cast<int>(lines.size())) {
            continue;
        }
        BraceScanner scanner(language);
        if (auto end = scanner.FindEnd(lines, symbol.start_line - 1)) {
            symbol.end_line = *end + 1;
        }
    }
}

}  // namespace nectr::index
