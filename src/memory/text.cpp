#include "memory/text.hpp"

#include <algorithm>
#include <array>

namespace nectr::memory {
namespace {

constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // ’, as in "don’t"
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";    // …

bool IsAsciiAlnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsStopWord(std::string_view word) {
    constexpr std::array<std::string_view, 84> kStopWords = {
        "a",     "about", "all",    "also",  "am",   "an",   "and",   "any",   "are",  "as",
        "at",    "be",    "been",   "being", "but",  "by",   "can",   "could", "did",  "do",
        "does",  "for",   "from",   "had",   "has",  "have", "he",    "her",   "here", "his",
        "how",   "i",     "if",     "in",    "into", "is",   "it",    "its",   "just", "may",
        "me",    "might", "must",   "my",    "of",   "on",   "or",    "our",   "ours", "please",
        "shall", "she",   "should", "so",    "some", "such", "than",  "that",  "the",  "their",
        "them",  "then",  "there",  "these", "they", "this", "those", "to",    "too",  "us",
        "very",  "was",   "we",     "were",  "what", "when", "where", "which", "who",  "will",
        "with",  "would", "you",    "your"};
    return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

// Contractions of "not" read as "not": "do not" and "don't" are one thing.
bool IsNegation(std::string_view word) {
    constexpr std::array<std::string_view, 14> kNegations = {
        "dont", "doesnt", "didnt", "isnt",     "arent",  "wasnt",  "werent",
        "cant", "cannot", "wont",  "shouldnt", "mustnt", "neednt", "havent"};
    return std::find(kNegations.begin(), kNegations.end(), word) != kNegations.end();
}

std::vector<std::string> SplitWords(const std::string& normalized) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < normalized.size()) {
        std::size_t end = normalized.find(' ', start);
        if (end == std::string::npos) {
            end = normalized.size();
        }
        if (end > start) {
            words.push_back(normalized.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

// The content words of `text` in order of appearance, repeats included.
std::vector<std::string> ContentWordList(std::string_view text) {
    std::vector<std::string> words;
    for (std::string& word : SplitWords(NormalizeText(text))) {
        if (IsNegation(word)) {
            words.emplace_back("not");
        } else if (!IsStopWord(word)) {
            words.push_back(std::move(word));
        }
    }
    return words;
}

// The first sentence or line of `text`, leading whitespace skipped.
std::string_view FirstSentence(std::string_view text) {
    const std::size_t begin = std::min(text.find_first_not_of(" \t\r\n"), text.size());
    text.remove_prefix(begin);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            return text.substr(0, i);
        }
        const bool ends = text[i] == '.' || text[i] == '!' || text[i] == '?';
        if (ends && (i + 1 == text.size() || IsSpace(text[i + 1]))) {
            return text.substr(0, i + 1);
        }
    }
    return text;
}

}  // namespace

std::string LowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string NormalizeText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\'') {
            continue;
        }
        if (text.substr(i).starts_with(kRightQuote)) {
            i += kRightQuote.size() - 1;
            continue;
        }
        if (c < 0x80 && !IsAsciiAlnum(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty()) {
            out.push_back(' ');
        }
        pending_space = false;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                           : static_cast<char>(c));
    }
    return out;
}

std::set<std::string> ContentWords(std::string_view text) {
    std::vector<std::string> list = ContentWordList(text);
    return {std::make_move_iterator(list.begin()), std::make_move_iterator(list.end())};
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::size_t common = 0;
    for (const std::string& word : a) {
        common += b.contains(word) ? 1 : 0;
    }
    const std::size_t all = a.size() + b.size() - common;
    return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

double Containment(const std::set<std::string>& part, const std::set<std::string>& whole) {
    if (part.empty()) {
        return 0.0;
    }
    std::size_t common = 0;
    for (const std::string& word : part) {
        common += whole.contains(word) ? 1 : 0;
    }
    return static_cast<double>(common) / static_cast<double>(part.size());
}

bool SaysTheSame(std::string_view a, std::string_view b) {
    if (NormalizeText(a) == NormalizeText(b)) {
        return true;
    }
    return Jaccard(ContentWords(a), ContentWords(b)) >= kSameMemorySimilarity;
}

std::vector<std::string> SearchTerms(std::string_view text, std::size_t max) {
    std::vector<std::string> terms;
    std::set<std::string> seen;
    for (std::string& word : ContentWordList(text)) {
        if (terms.size() >= max) {
            break;
        }
        if (word.size() < 2 || seen.contains(word)) {
            continue;
        }
        seen.insert(word);
        terms.push_back(std::move(word));
    }
    return terms;
}

std::string CollapseWhitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (const char c : text) {
        if (IsSpace(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        out.push_back(c);
    }
    return out;
}

std::string ShortQuote(std::string_view text, std::size_t max_bytes) {
    std::string quote = CollapseWhitespace(FirstSentence(text));
    if (quote.size() <= max_bytes) {
        return quote;
    }
    std::size_t cut = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
    // Never in the middle of a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(quote[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    const std::size_t space = quote.rfind(' ', cut);
    if (space != std::string::npos && space > cut / 2) {
        cut = space;
    }
    quote.resize(cut);
    while (!quote.empty() && quote.back() == ' ') {
        quote.pop_back();
    }
    return quote + std::string(kEllipsis);
}

}  // namespace nectr::memory
