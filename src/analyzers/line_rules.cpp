#include "analyzers/line_rules.hpp"

#include "analyzers/pattern.hpp"

namespace nectr::analyzers {
namespace {

bool HashStartsComment(Language language) {
    return language == Language::kPython || language == Language::kRuby ||
           language == Language::kShell || language == Language::kPhp ||
           language == Language::kConfig;
}

re2::StringPiece Piece(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace

CompiledLineRules::CompiledLineRules(std::span<const LineRule> rules) {
    rules_.reserve(rules.size());
    for (const LineRule& rule : rules) {
        Compiled compiled{&rule, CompilePattern(rule.pattern), nullptr};
        if (!rule.unless.empty()) {
            compiled.unless = CompilePattern(rule.unless);
        }
        rules_.push_back(std::move(compiled));
    }
}

void CompiledLineRules::Apply(const ChangedFile& file, std::vector<Finding>& findings) const {
    const Language language = LanguageOf(file.path);
    const bool is_test = IsTestPath(file.path);
    for (const ChangedLine& line : file.added_lines) {
        const bool comment = IsCommentLine(language, line.text);
        for (const Compiled& compiled : rules_) {
            const LineRule& rule = *compiled.rule;
            if (!rule.languages.Contains(language) || (is_test && !rule.in_tests) ||
                (comment && !rule.in_comments)) {
                continue;
            }
            if (!RE2::PartialMatch(Piece(line.text), *compiled.pattern)) {
                continue;
            }
            if (compiled.unless && RE2::PartialMatch(Piece(line.text), *compiled.unless)) {
                continue;
            }
            findings.push_back(Finding{std::string(rule.id), std::string(rule.category),
                                       rule.severity, file.path, line.line,
                                       std::string(rule.message)});
        }
    }
}

bool IsCommentLine(Language language, std::string_view text) {
    std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
        return false;
    }
    std::string_view rest = text.substr(start);
    if (rest.starts_with("//") || rest.starts_with("/*") || rest.starts_with("<!--")) {
        return true;
    }
    // "* foo" inside a block comment, but not "*p = 1;" or "**kwargs".
    if (rest.starts_with("* ") || rest == "*" || rest.starts_with("*/")) {
        return true;
    }
    return rest.starts_with('#') && HashStartsComment(language) && !rest.starts_with("#!");
}

}  // namespace nectr::analyzers
