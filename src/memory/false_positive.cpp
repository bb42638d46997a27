#include "memory/false_positive.hpp"

#include "memory/text.hpp"

namespace nectr::memory {
namespace {

constexpr std::string_view kAcceptedPrefix = "Accepted as intended (";
constexpr std::string_view kWelcomedPrefix = "Welcomed (";
constexpr std::string_view kInfix = ") in ";
constexpr std::string_view kQuoteOpen = ": \"";
constexpr double kSimilarText = 0.5;
constexpr double kRelatedText = 0.2;

std::string Content(std::string_view prefix, const FindingDescription& finding) {
    return std::string(prefix) + finding.category + std::string(kInfix) +
           (finding.pattern.empty() ? "*" : finding.pattern) + std::string(kQuoteOpen) +
           finding.quote + "\"";
}

}  // namespace

std::string PathPattern(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view directory =
        slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
    const std::string_view name = path.substr(directory.size());
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return std::string(path);
    }
    return std::string(directory) + "*" + std::string(name.substr(dot));
}

bool GlobMatches(std::string_view pattern, std::string_view path) {
    if (pattern == "*") {
        return true;  // a finding recorded without a path
    }
    // Backtracking over the last '*' only: enough for patterns without '/' inside a star.
    std::size_t p = 0;
    std::size_t s = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (s < path.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = s;
        } else if (p < pattern.size() && pattern[p] == path[s]) {
            ++p;
            ++s;
        } else if (star != std::string_view::npos && path[resume] != '/') {
            p = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

FindingDescription DescribeFinding(std::string_view category, std::string_view path,
                                   std::string_view text) {
    FindingDescription finding;
    finding.category = LowerAscii(NormalizeText(category));
    finding.pattern = path.empty() ? "" : PathPattern(path);
    finding.quote = ShortQuote(text);
    for (char& c : finding.quote) {
        if (c == '"') {
            c = '\'';  // keeps the closing quote the only one, for the parser
        }
    }
    return finding;
}

std::string FalsePositiveContent(const FindingDescription& finding) {
    return Content(kAcceptedPrefix, finding);
}

std::string PreferenceContent(const FindingDescription& finding) {
    return Content(kWelcomedPrefix, finding);
}

std::optional<FindingDescription> ParseFalsePositive(std::string_view content) {
    if (!content.starts_with(kAcceptedPrefix) || !content.ends_with('"')) {
        return std::nullopt;
    }
    content.remove_prefix(kAcceptedPrefix.size());
    const std::size_t infix = content.find(kInfix);
    if (infix == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t open = content.find(kQuoteOpen, infix + kInfix.size());
    if (open == std::string_view::npos) {
        return std::nullopt;
    }
    FindingDescription finding;
    finding.category = std::string(content.substr(0, infix));
    finding.pattern =
        std::string(content.substr(infix + kInfix.size(), open - infix - kInfix.size()));
    const std::size_t quote_start = open + kQuoteOpen.size();
    finding.quote = std::string(content.substr(quote_start, content.size() - 1 - quote_start));
    return finding;
}

std::optional<double> MatchesAcceptedFinding(std::string_view memory_content,
                                             std::string_view category, std::string_view path,
                                             std::string_view text) {
    const std::set<std::string> words = ContentWords(ShortQuote(text));
    const std::optional<FindingDescription> accepted = ParseFalsePositive(memory_content);
    if (!accepted) {
        const double similarity = Jaccard(words, ContentWords(memory_content));
        return similarity >= kSimilarText ? std::optional<double>(similarity) : std::nullopt;
    }
    const std::string wanted = LowerAscii(NormalizeText(category));
    if (!accepted->category.empty() && !wanted.empty() && accepted->category != wanted) {
        return std::nullopt;
    }
    const double similarity = Jaccard(words, ContentWords(accepted->quote));
    if (similarity >= kSimilarText) {
        return similarity;
    }
    if (similarity >= kRelatedText && !path.empty() && GlobMatches(accepted->pattern, path)) {
        return similarity;
    }
    return std::nullopt;
}

}  // namespace nectr::memory
