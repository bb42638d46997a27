#pragma once

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers::testing {

// A changed file whose added lines are numbered from `first_line`.
inline ChangedFile FileWith(std::string path, const std::vector<std::string>& lines,
                            int first_line = 1) {
    ChangedFile file;
    file.path = std::move(path);
    for (const std::string& text : lines) {
        file.added_lines.push_back(ChangedLine{first_line++, text});
    }
    file.additions = static_cast<int>(lines.size());
    return file;
}

// Letters and digits from a seeded generator: looks random to the analyzers, is the same on
// every run, and never appears in the repository as a literal.
inline std::string RandomAlnum(std::size_t length, unsigned seed) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::mt19937 generator(seed);
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    std::string text;
    // Start with one of each class so that "mixed case and digits" checks always pass.
    text += "Q";
    text += "q";
    text += "7";
    while (text.size() < length) {
        text += kAlphabet[pick(generator)];
    }
    text.resize(length);
    return text;
}

// Fake credentials in the exact shapes of the real ones. Each prefix is split in the source so
// that secret scanners reading this repository find nothing to flag.
struct FakeSecret {
    std::string rule;   // the rule that must report it
    std::string value;  // the value that must never appear in a finding
};

inline std::vector<FakeSecret> FakeSecrets() {
    const std::string jwt_body = std::string("ey") + "J" + RandomAlnum(20, 9) + "." +
                                 std::string("ey") + "J" + RandomAlnum(40, 10) + "." +
                                 RandomAlnum(43, 11);
    return {
        {"secret.aws-access-key-id", std::string("AK") + "IA" + "Q7ZX4JT2M9RBNW5K"},
        {"secret.github-token", std::string("gh") + "p_" + RandomAlnum(36, 1)},
        {"secret.github-token", std::string("gh") + "s_" + RandomAlnum(36, 2)},
        {"secret.github-token",
         std::string("github") + "_pat_" + RandomAlnum(22, 3) + "_" + RandomAlnum(59, 4)},
        {"secret.slack-token", std::string("xo") + "xb-" + "1234567890" + "-" + RandomAlnum(24, 5)},
        {"secret.google-api-key", std::string("AI") + "za" + RandomAlnum(35, 6)},
        {"secret.stripe-key", std::string("sk_") + "li" + "ve_" + RandomAlnum(24, 7)},
        {"secret.anthropic-key", std::string("sk-") + "ant-" + "api03-" + RandomAlnum(80, 8)},
        {"secret.openai-key", std::string("sk-") + "proj-" + RandomAlnum(48, 12)},
        {"secret.jwt", jwt_body},
    };
}

inline bool AnyFieldContains(const Finding& finding, std::string_view value) {
    for (const std::string* field :
         {&finding.rule, &finding.category, &finding.path, &finding.message}) {
        if (field->find(value) != std::string::npos) {
            return true;
        }
    }
    return false;
}

inline std::vector<std::string> RulesOf(const std::vector<Finding>& findings) {
    std::vector<std::string> rules;
    for (const Finding& finding : findings) {
        rules.push_back(finding.rule);
    }
    return rules;
}

}  // namespace nectr::analyzers::testing
