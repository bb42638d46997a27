#include "analyzers/secrets.hpp"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "analyzers/language.hpp"
#include "analyzers/mask.hpp"
#include "analyzers/pattern.hpp"

namespace nectr::analyzers {
namespace {

enum class Check {
    kNone,         // the format alone is convincing
    kRandom,       // the value must not be a placeholder and must look random
    kMixedRandom,  // as kRandom, and must mix upper case, lower case and digits
    kAssignment,   // a literal assigned to a secret-sounding name: the strictest checks
};

struct SecretRule {
    std::string_view id;
    std::string_view what;  // how the message names it
    Severity severity;
    std::string_view pattern;  // capture group 1 is the secret value
    Check check;
    bool settings_only = false;  // only in configuration, .env and shell files
};

// Names under which code keeps credentials; a literal assigned to one is checked.
#define NECTR_SECRET_NAME                                                                     \
    R"((?i:password|passwd|pwd|secret|api_?key|apikey|access_?key|access_?token|auth_?token)" \
    R"(|client_?secret|private_?key|token))"

// Ordered from the most specific: a value that one rule reported is not reported again by a
// later, looser rule (an Anthropic key also has the shape of an OpenAI one).
// Fields: id, what, severity, pattern, check, settings_only.
// clang-format off
constexpr SecretRule kRules[] = {
    {"secret.private-key", "A private key", Severity::kCritical,
     R"((-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----))", Check::kNone},
    {"secret.aws-access-key-id", "An AWS access key id", Severity::kHigh,
     R"(\b((?:AKIA|ASIA)[0-9A-Z]{16})\b)", Check::kRandom},
    {"secret.aws-secret-access-key", "An AWS secret access key", Severity::kCritical,
     R"((?i)aws_?secret_?(?:access_?)?key["']?\s*(?::|=|=>)\s*["']?)"
     R"(([A-Za-z0-9/+=]{40})(?:[^A-Za-z0-9/+=]|$))", Check::kRandom},
    {"secret.github-token", "A GitHub token", Severity::kCritical,
     R"(\b(gh[pousr]_[A-Za-z0-9]{36,251})\b)", Check::kRandom},
    {"secret.github-token", "A GitHub token", Severity::kCritical,
     R"(\b(github_pat_[A-Za-z0-9_]{22,244})\b)", Check::kRandom},
    {"secret.slack-token", "A Slack token", Severity::kHigh,
     R"(\b(xox[abposr]-[A-Za-z0-9-]{10,250}))", Check::kRandom},
    {"secret.slack-webhook", "A Slack webhook URL", Severity::kMedium,
     R"((https://hooks\.slack\.com/services/T[A-Za-z0-9_]{6,}/B[A-Za-z0-9_]{6,})"
     R"(/[A-Za-z0-9_]{12,}))", Check::kRandom},
    {"secret.google-api-key", "A Google API key", Severity::kHigh,
     R"(\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$))", Check::kRandom},
    {"secret.stripe-key", "A live Stripe key", Severity::kCritical,
     R"(\b((?:sk|rk)_live_[0-9A-Za-z]{20,247})\b)", Check::kRandom},
    {"secret.anthropic-key", "An Anthropic API key", Severity::kCritical,
     R"(\b(sk-ant-[A-Za-z0-9_-]{32,300}))", Check::kMixedRandom},
    {"secret.openai-key", "An OpenAI-style API key", Severity::kCritical,
     R"(\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,300}))", Check::kMixedRandom},
    {"secret.jwt", "A JSON Web Token", Severity::kMedium,
     R"(\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}))", Check::kRandom},
    // password = "...", "apiKey": "...", TOKEN := '...'
    {"secret.hardcoded-credential", "A hard-coded credential", Severity::kHigh,
     NECTR_SECRET_NAME R"(["']?\s*(?::=|=>|=|:)\s*["']([^"'\s]{8,200})["'])",
     Check::kAssignment},
    // Unquoted values as in .env files and YAML: in code, `password = other_name` is common.
    {"secret.hardcoded-credential", "A hard-coded credential", Severity::kHigh,
     NECTR_SECRET_NAME R"(\s*(?:=|:)\s*([^"'\s$%{<&*!|>#][^\s"'#]{7,199})\s*$)",
     Check::kAssignment, true},
};
// clang-format on

#undef NECTR_SECRET_NAME

// A line this long is scanned, but only so many matches per rule are looked at, so that a
// line made of thousands of near-misses costs a bounded number of checks.
constexpr int kMaxMatchesPerRuleAndLine = 64;
constexpr double kMinEntropyRandom = 2.5;
constexpr double kMinEntropyAssignment = 3.0;
// Shorter lines of a key block ("=", a short last line) could match ordinary text when masked.
constexpr std::size_t kShortestKeyLine = 16;

std::string Lowercase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

bool MixesCaseAndDigits(std::string_view value) {
    bool upper = false;
    bool lower = false;
    bool digit = false;
    for (char c : value) {
        upper = upper || std::isupper(static_cast<unsigned char>(c));
        lower = lower || std::islower(static_cast<unsigned char>(c));
        digit = digit || std::isdigit(static_cast<unsigned char>(c));
    }
    return upper && lower && digit;
}

// "DB_PASSWORD", "API_KEY": the name of a variable, not its value.
bool LooksLikeConstantName(std::string_view value) {
    bool underscore = false;
    for (char c : value) {
        if (c == '_') {
            underscore = true;
        } else if (!std::isupper(static_cast<unsigned char>(c)) &&
                   !std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return underscore;
}

// "https://example.org/token", "/etc/app/secret.txt", "settings.SECRET_KEY": a reference to
// where a secret lives rather than the secret.
bool LooksLikeReference(std::string_view value) {
    if (value.find("://") != std::string_view::npos) {
        return value.find('@') == std::string_view::npos;  // user:password@host is a secret
    }
    if (value.starts_with('/') || value.starts_with("./") || value.starts_with("~/")) {
        return true;
    }
    // a.b.c or a(b): an expression in code, not a literal
    return value.find('(') != std::string_view::npos ||
           (value.find('.') != std::string_view::npos &&
            value.find_first_of("0123456789") == std::string_view::npos);
}

bool PassesChecks(Check check, std::string_view value) {
    switch (check) {
        case Check::kNone:
            return true;
        case Check::kRandom:
            return !LooksLikePlaceholder(value) && ShannonEntropy(value) >= kMinEntropyRandom;
        case Check::kMixedRandom:
            return !LooksLikePlaceholder(value) && ShannonEntropy(value) >= kMinEntropyRandom &&
                   MixesCaseAndDigits(value);
        case Check::kAssignment:
            return !LooksLikePlaceholder(value) && !LooksLikeConstantName(value) &&
                   !LooksLikeReference(value) && ShannonEntropy(value) >= kMinEntropyAssignment;
    }
    return false;
}

std::string MessageFor(const SecretRule& rule, std::string_view value) {
    if (rule.id == "secret.private-key") {
        return "A private key is added here: remove it and rotate the key, since it stays in "
               "the git history.";
    }
    return std::string(rule.what) + " is added here (" + MaskSecret(value) +
           "): revoke it, then load it from the environment or a secret store; deleting it in "
           "a later commit leaves it in the git history.";
}

struct CompiledRule {
    const SecretRule* rule;
    std::unique_ptr<RE2> pattern;
};

const std::vector<CompiledRule>& CompiledRules() {
    static const std::vector<CompiledRule> compiled_rules = [] {
        std::vector<CompiledRule> compiled;
        for (const SecretRule& rule : kRules) {
            compiled.push_back({&rule, CompilePattern(rule.pattern)});
        }
        return compiled;
    }();
    return compiled_rules;
}

using Span = std::pair<std::size_t, std::size_t>;

bool Overlaps(const std::vector<Span>& taken, Span span) {
    for (const Span& other : taken) {
        if (span.first < other.second && other.first < span.second) {
            return true;
        }
    }
    return false;
}

struct FileTraits {
    bool in_test = false;
    bool settings = false;
};

// Calls `on_match(rule, value)` for each secret on the line, most specific rule first.
template <typename OnMatch>
void ScanLine(const ChangedLine& line, FileTraits traits, OnMatch&& on_match) {
    const re2::StringPiece text(line.text.data(), line.text.size());
    std::vector<Span> taken;
    for (const CompiledRule& compiled : CompiledRules()) {
        if (compiled.rule->settings_only && !traits.settings) {
            continue;
        }
        std::size_t pos = 0;
        for (int seen = 0; seen < kMaxMatchesPerRuleAndLine && pos < text.size(); ++seen) {
            std::array<re2::StringPiece, 2> groups;
            if (!compiled.pattern->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(),
                                         static_cast<int>(groups.size()))) {
                break;
            }
            pos = static_cast<std::size_t>(groups[0].end() - text.begin());
            const std::string_view value(groups[1].data(), groups[1].size());
            const std::size_t begin = static_cast<std::size_t>(groups[1].begin() - text.begin());
            const Span span{begin, begin + value.size()};
            if (Overlaps(taken, span) || !PassesChecks(compiled.rule->check, value)) {
                continue;
            }
            taken.push_back(span);
            on_match(*compiled.rule, value);
        }
    }
}

FileTraits TraitsOf(const ChangedFile& file) {
    const Language language = LanguageOf(file.path);
    return {IsTestPath(file.path), language == Language::kConfig || language == Language::kShell ||
                                       language == Language::kUnknown};
}

// The lines of the PEM block that starts at added_lines[header], up to its END line: the key
// material itself, which the header rule alone does not cover.
void CollectKeyBlock(const ChangedFile& file, std::size_t header, std::vector<std::string>& out) {
    for (std::size_t i = header + 1; i < file.added_lines.size(); ++i) {
        const ChangedLine& line = file.added_lines[i];
        if (line.line != file.added_lines[i - 1].line + 1) {
            return;  // the block's lines are consecutive added lines
        }
        if (line.text.find("-----END") != std::string::npos) {
            return;
        }
        std::string_view text(line.text);
        while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) {
            text.remove_suffix(1);
        }
        if (text.size() >= kShortestKeyLine) {
            out.emplace_back(text);
        }
    }
}

}  // namespace

double ShannonEntropy(std::string_view value) {
    if (value.empty()) {
        return 0.0;
    }
    std::array<std::size_t, 256> counts{};
    for (char c : value) {
        ++counts[static_cast<unsigned char>(c)];
    }
    double entropy = 0.0;
    const double total = static_cast<double>(value.size());
    for (std::size_t count : counts) {
        if (count > 0) {
            const double p = static_cast<double>(count) / total;
            entropy -= p * std::log2(p);
        }
    }
    return entropy;
}

bool LooksLikePlaceholder(std::string_view value) {
    static constexpr std::string_view kMarkers[] = {
        "changeme", "change_me", "change-me", "changeit", "example",  "placeholder",
        "your_",    "your-",     "yourtoken", "yourkey",  "<",        ">",
        "${",       "{{",        "$(",        "%(",       "%s",       "xxxx",
        "****",     "....",      "…",         "dummy",    "redacted", "replace",
        "sample",   "insert",    "notreal",   "not_real", "not-real", "secret_here",
    };
    if (value.starts_with('$')) {
        return true;  // $TOKEN, $(cat file): a reference to somewhere else
    }
    const std::string lower = Lowercase(value);
    for (std::string_view marker : kMarkers) {
        if (lower.find(marker) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void FindSecrets(const ChangedFile& file, std::vector<Finding>& findings) {
    if (file.binary) {
        return;
    }
    const FileTraits traits = TraitsOf(file);
    for (const ChangedLine& line : file.added_lines) {
        ScanLine(line, traits, [&](const SecretRule& rule, std::string_view value) {
            Severity severity = rule.severity;
            if (traits.in_test && rule.check == Check::kAssignment) {
                severity = Severity::kLow;  // test fixtures are full of made-up passwords
            }
            findings.push_back(Finding{std::string(rule.id), std::string(kCategorySecurity),
                                       severity, file.path, line.line, MessageFor(rule, value)});
        });
    }
}

std::vector<std::string> SecretValues(const ChangedFile& file) {
    std::vector<std::string> values;
    if (file.binary) {
        return values;
    }
    const FileTraits traits = TraitsOf(file);
    for (std::size_t i = 0; i < file.added_lines.size(); ++i) {
        ScanLine(file.added_lines[i], traits, [&](const SecretRule& rule, std::string_view value) {
            values.emplace_back(value);
            if (rule.id == "secret.private-key") {
                CollectKeyBlock(file, i, values);
            }
        });
    }
    return values;
}

}  // namespace nectr::analyzers
