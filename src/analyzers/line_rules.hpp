#pragma once

#include <re2/re2.h>

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"
#include "analyzers/language.hpp"

namespace nectr::analyzers {

// A rule that looks at one added line at a time: the shape of the debug-leftover and
// risky-call analyzers.
struct LineRule {
    std::string_view id;
    std::string_view category;
    Severity severity;
    LanguageSet languages;
    std::string_view pattern;  // RE2 syntax, searched anywhere in the line
    std::string_view unless;   // when not empty and found in the line, the rule stays quiet
    std::string_view message;
    bool in_tests = true;      // false: files that IsTestPath are not checked
    bool in_comments = false;  // false: lines that are only a comment are not checked
};

// A table of LineRules compiled once; safe to use from several threads at a time.
class CompiledLineRules {
public:
    explicit CompiledLineRules(std::span<const LineRule> rules);

    // Appends a Finding for each rule that matches an added line of `file`, at most one per
    // rule and line.
    void Apply(const ChangedFile& file, std::vector<Finding>& findings) const;

private:
    struct Compiled {
        const LineRule* rule;
        std::unique_ptr<RE2> pattern;
        std::unique_ptr<RE2> unless;
    };
    std::vector<Compiled> rules_;
};

// True when the line holds only a comment in `language` (a heuristic on its first characters:
// "//", "/*", "* ", "<!--", and "#" in languages where '#' starts a comment).
bool IsCommentLine(Language language, std::string_view text);

}  // namespace nectr::analyzers
