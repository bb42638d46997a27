#include "memory/rule_proposer.hpp"

#include <array>
#include <map>

#include "memory/text.hpp"

namespace nectr::memory {
namespace {

constexpr std::size_t kMaxStatedRules = 5;
constexpr std::size_t kMinRuleBytes = 12;
constexpr std::size_t kMaxRuleBytes = 300;

// Markers of a standing rule, in lower case: anywhere in a sentence, or only at its start.
constexpr std::array<std::string_view, 12> kRuleMarkers = {
    "we always ",    "we never ",      "we don't ",     "we do not ",
    "we prefer ",    "we avoid ",      "please don't ", "please do not ",
    "please never ", "please always ", "we must ",      "we should always "};
constexpr std::array<std::string_view, 6> kLeadingMarkers = {"always ", "never ", "don't ",
                                                             "do not ", "avoid ", "prefer "};
// Words of a sentence about the change at hand rather than the code base.
constexpr std::array<std::string_view, 12> kEphemeral = {
    "merge this",  "merging this", "merge it", "before merging", "this pr",  "this pull request",
    "this change", " yet",         "for now",  "today",          "tomorrow", "wip"};

std::string_view TrimView(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// A list line's text without its marker ("- ", "* ", "+ ", "1. ").
std::string_view WithoutListMarker(std::string_view line) {
    if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")) {
        return TrimView(line.substr(2));
    }
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') {
        ++digits;
    }
    if (digits > 0 && line.substr(digits).starts_with(". ")) {
        return TrimView(line.substr(digits + 2));
    }
    return line;
}

bool Contains(const std::string& lower, std::string_view needle) {
    return lower.find(needle) != std::string::npos;
}

bool StatesRule(std::string_view sentence) {
    std::string lower = LowerAscii(sentence);
    for (std::size_t at = lower.find("\xE2\x80\x99"); at != std::string::npos;
         at = lower.find("\xE2\x80\x99")) {
        lower.replace(at, 3, "'");  // "don’t" as "don't"
    }
    for (const std::string_view word : kEphemeral) {
        if (Contains(lower, word)) {
            return false;
        }
    }
    for (const std::string_view marker : kLeadingMarkers) {
        if (lower.starts_with(marker)) {
            return true;
        }
    }
    for (const std::string_view marker : kRuleMarkers) {
        if (Contains(lower, marker)) {
            return true;
        }
    }
    return false;
}

// The sentence as memory content: whitespace collapsed, a capital first letter, a full stop.
std::string AsContent(std::string_view sentence) {
    std::string content = ShortQuote(sentence, kMaxRuleBytes);
    if (!content.empty() && content.front() >= 'a' && content.front() <= 'z') {
        content.front() = static_cast<char>(content.front() - 'a' + 'A');
    }
    const char last = content.empty() ? '.' : content.back();
    if (last != '.' && last != '!' && last != '?') {
        content.push_back('.');
    }
    return content;
}

// Splits a line into sentences at ". ", "! " and "? ".
std::vector<std::string_view> Sentences(std::string_view line) {
    std::vector<std::string_view> sentences;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const char c = line[i];
        if ((c == '.' || c == '!' || c == '?') && line[i + 1] == ' ') {
            sentences.push_back(TrimView(line.substr(start, i + 1 - start)));
            start = i + 2;
        }
    }
    sentences.push_back(TrimView(line.substr(std::min(start, line.size()))));
    return sentences;
}

// The lines of `text` outside code fences and HTML comments, quoted lines left out.
std::vector<std::string_view> ProseLines(std::string_view text) {
    std::vector<std::string_view> lines;
    bool in_fence = false;
    bool in_comment = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = TrimView(text.substr(start, end - start));
        start = end + 1;
        if (line.starts_with("```") || line.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) {
            continue;
        }
        if (in_comment || line.starts_with("<!--")) {
            in_comment = line.find("-->") == std::string_view::npos;
            continue;
        }
        if (!line.empty() && !line.starts_with(">") && !line.starts_with("- [")) {
            lines.push_back(WithoutListMarker(line));
        }
    }
    return lines;
}

// The directory all `paths` share ("src/api"), or "" when they share none.
std::string CommonDirectory(const std::vector<std::string>& paths) {
    if (paths.empty()) {
        return "";
    }
    std::string common = paths.front();
    const std::size_t slash = common.rfind('/');
    common = slash == std::string::npos ? "" : common.substr(0, slash);
    for (const std::string& path : paths) {
        while (!common.empty() && !(path.starts_with(common + "/"))) {
            const std::size_t up = common.rfind('/');
            common = up == std::string::npos ? "" : common.substr(0, up);
        }
    }
    return common;
}

bool IsWeighty(std::string_view severity) {
    const std::string lower = LowerAscii(severity);
    return lower == "medium" || lower == "high" || lower == "critical";
}

void ProposeConventions(const ReviewFacts& facts, std::vector<MemoryProposal>& out) {
    std::map<std::string, std::vector<std::string>> paths_by_category;
    std::map<std::string, int> weighty_by_category;
    for (const ReviewCommentFacts& comment : facts.comments) {
        const std::string category = LowerAscii(TrimView(comment.category));
        if (category.empty()) {
            continue;
        }
        paths_by_category[category].push_back(comment.path);
        weighty_by_category[category] += IsWeighty(comment.severity) ? 1 : 0;
    }
    const bool bot = facts.author_login.ends_with("[bot]");
    for (const auto& [category, paths] : paths_by_category) {
        if (static_cast<int>(paths.size()) >= kConventionRepeats) {
            const std::string directory = CommonDirectory(paths);
            std::string content = directory.empty() ? "Changes to this repository"
                                                    : "Changes under " + directory + "/";
            content += " repeatedly draw " + category + " review comments.";
            out.push_back({ProposalOp::kAdd, std::nullopt, MemoryType::kConvention,
                           MemoryScope::kRepository, std::nullopt, std::move(content),
                           kConventionConfidence});
        }
        if (!facts.author_login.empty() && !bot && weighty_by_category[category] >= kHabitRepeats) {
            out.push_back(
                {ProposalOp::kAdd, std::nullopt, MemoryType::kDeveloperHabit,
                 MemoryScope::kDeveloper, facts.author_login,
                 "Changes by @" + facts.author_login + " often need attention to " + category + ".",
                 kHabitConfidence});
        }
    }
}

}  // namespace

std::vector<std::string> StatedRules(std::string_view description) {
    std::vector<std::string> rules;
    for (const std::string_view line : ProseLines(description)) {
        for (const std::string_view sentence : Sentences(line)) {
            if (rules.size() >= kMaxStatedRules) {
                return rules;
            }
            if (sentence.size() < kMinRuleBytes || sentence.size() > kMaxRuleBytes ||
                !StatesRule(sentence)) {
                continue;
            }
            std::string content = AsContent(sentence);
            bool repeated = false;
            for (const std::string& rule : rules) {
                repeated = repeated || SaysTheSame(rule, content);
            }
            if (!repeated) {
                rules.push_back(std::move(content));
            }
        }
    }
    return rules;
}

std::vector<MemoryProposal> ProposeMemories(const ReviewFacts& facts) {
    std::vector<MemoryProposal> proposals;
    for (std::string& rule : StatedRules(facts.pr_description)) {
        proposals.push_back({ProposalOp::kAdd, std::nullopt, MemoryType::kProjectRule,
                             MemoryScope::kRepository, std::nullopt, std::move(rule),
                             kStatedRuleConfidence});
    }
    ProposeConventions(facts, proposals);
    return proposals;
}

}  // namespace nectr::memory
