#include "source_lines.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <vector>

namespace nectr::bench {
namespace {

constexpr std::array<std::string_view, 16> kNouns = {
    "config",  "request", "buffer",  "session", "record", "token",  "entry", "schedule",
    "payload", "index",   "invoice", "account", "report", "cursor", "batch", "handler"};
constexpr std::array<std::string_view, 12> kVerbs = {"load",     "parse",   "merge", "update",
                                                     "resolve",  "render",  "fetch", "flush",
                                                     "validate", "compute", "store", "encode"};
constexpr std::array<std::string_view, 10> kModules = {
    "billing",   "auth",          "search",  "storage", "api",
    "scheduler", "notifications", "reports", "ingest",  "cache"};

// Placeholders: {0} noun, {1} Verb, {2} Noun, {3} another noun, {4} a small index, {5} a
// number, {6} verb.
const std::vector<std::string_view>& Templates(Lang lang) {
    static const std::vector<std::string_view> cpp = {
        "    const auto {0}_{4} = {1}{2}({3}, {5});",
        "    if ({0}_{4}.empty()) {{",
        "        return {1}{2}({3}_);",
        "    }}",
        "    // {6} the {0} before the {3} is used: the caller may hold the lock.",
        "    {0}s_.push_back(std::move({3}));",
        "    for (std::size_t i = 0; i < {3}s.size(); ++i) {{",
        "        total += {3}s[i].{0}_count * {5};",
        "std::optional<{2}> {2}Store::{1}(std::string_view {3}) const {{",
        "",
    };
    static const std::vector<std::string_view> python = {
        "    {0}_{4} = {6}_{0}({3}, limit={5})",
        "    if not {0}_{4}:",
        "        return None",
        "    # {6} the {0} first so that a failure leaves the {3} untouched",
        "    for {0} in self.{3}s:",
        "        self._{3}_cache[{0}.id] = {0}",
        "def {6}_{0}(self, {3}, limit={5}):",
        "    logger.debug(\"{6} %s\", {3})",
        "",
    };
    static const std::vector<std::string_view> type_script = {
        "  const {0}{4} = await {6}{2}({3}, {5});",
        "  if (!{0}{4}) {{",
        "    return undefined;",
        "  }}",
        "  // {6} the {0} here so that the {3} stays immutable",
        "  this.{3}s.set({0}.id, {0});",
        "export async function {6}{2}({3}: {2}Input, limit = {5}): Promise<{2} | undefined> {{",
        "",
    };
    static const std::vector<std::string_view> go = {
        "\t{0}{4}, err := {6}{2}(ctx, {3}, {5})",
        "\tif err != nil {{",
        "\t\treturn nil, fmt.Errorf(\"{6} {0}: %w\", err)",
        "\t}}",
        "\t// {6} the {0} before the {3} is released",
        "\ts.{3}s[{0}.ID] = {0}",
        "func (s *{2}Store) {1}(ctx context.Context, {3} string) (*{2}, error) {{",
        "",
    };
    static const std::vector<std::string_view> java = {
        "        final var {0}{4} = {6}{2}({3}, {5});",
        "        if ({0}{4} == null) {{",
        "            return Optional.empty();",
        "        }}",
        "        // {6} the {0} before the {3} is shared",
        "    public Optional<{2}> {6}{2}(String {3}) {{",
        "",
    };
    static const std::vector<std::string_view> rust = {
        "    let {0}_{4} = {6}_{0}(&{3}, {5})?;",
        "    if {0}_{4}.is_empty() {{",
        "        return Ok(None);",
        "    }}",
        "    // {6} the {0} before the {3} is dropped",
        "pub fn {6}_{0}(&self, {3}: &str) -> Result<Option<{2}>, Error> {{",
        "",
    };
    static const std::vector<std::string_view> markdown = {
        "The {0} is checked before the {3} is stored; see `{6}_{0}` for the details.",
        "- `{3}.{0}_limit`: how many {0}s one {3} may hold (default {5}).",
        "## {1} the {0}",
        "",
    };
    static const std::vector<std::string_view> json = {
        "    \"node_modules/{0}-{3}\": {{",
        "      \"version\": \"{4}.{5}.0\",",
        "      \"integrity\": \"sha512-{0}{3}{5}{4}\",",
        "    }},",
    };
    switch (lang) {
        case Lang::kCpp:
            return cpp;
        case Lang::kPython:
            return python;
        case Lang::kTypeScript:
            return type_script;
        case Lang::kGo:
            return go;
        case Lang::kJava:
            return java;
        case Lang::kRust:
            return rust;
        case Lang::kMarkdown:
            return markdown;
        case Lang::kJson:
            return json;
    }
    return cpp;
}

// Lines the offline analyzers report: what reviews of real changes keep finding.
std::string_view Finding(Lang lang) {
    switch (lang) {
        case Lang::kPython:
            return "    value = eval(expression)";
        case Lang::kTypeScript:
            return "  console.log('payload', payload);";
        case Lang::kGo:
            return "\tfmt.Println(\"debug\", payload)";
        case Lang::kJava:
            return "        System.out.println(\"debug \" + payload);";
        default:
            return "    // TODO: remove before merging";
    }
}

std::string_view Extension(Lang lang) {
    switch (lang) {
        case Lang::kCpp:
            return ".cpp";
        case Lang::kPython:
            return ".py";
        case Lang::kTypeScript:
            return ".ts";
        case Lang::kGo:
            return ".go";
        case Lang::kJava:
            return ".java";
        case Lang::kRust:
            return ".rs";
        case Lang::kMarkdown:
            return ".md";
        case Lang::kJson:
            return ".json";
    }
    return ".txt";
}

template <typename Array>
const typename Array::value_type& Pick(const Array& words, Rng& rng) {
    return words[static_cast<std::size_t>(rng.Between(0, static_cast<int>(words.size()) - 1))];
}

std::string Capitalised(std::string_view word) {
    std::string out(word);
    if (!out.empty()) {
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    }
    return out;
}

}  // namespace

Lang RandomCodeLang(Rng& rng) {
    static constexpr std::array<Lang, 6> kCode = {Lang::kCpp, Lang::kPython, Lang::kTypeScript,
                                                  Lang::kGo,  Lang::kJava,   Lang::kRust};
    return Pick(kCode, rng);
}

std::string_view RandomWord(Rng& rng) { return Pick(kModules, rng); }

std::string SourcePath(Lang lang, Rng& rng) {
    const std::string_view module = Pick(kModules, rng);
    const std::string base = std::string(Pick(kNouns, rng)) + "_" + std::string(Pick(kVerbs, rng));
    if (lang == Lang::kMarkdown) {
        return "docs/" + std::string(module) + "/" + base + ".md";
    }
    const std::string_view root = lang == Lang::kPython ? "services" : "src";
    return std::string(root) + "/" + std::string(module) + "/" + base +
           std::string(Extension(lang));
}

std::string TestPathFor(const std::string& source_path, Lang lang) {
    const auto slash = source_path.rfind('/');
    const auto dot = source_path.rfind('.');
    const std::string dir =
        source_path.substr(source_path.find('/') + 1, slash - source_path.find('/'));
    const std::string base = source_path.substr(slash + 1, dot - slash - 1);
    const std::string ext(Extension(lang));
    switch (lang) {
        case Lang::kPython:
            return "tests/" + dir + "test_" + base + ext;
        case Lang::kTypeScript:
            return "tests/" + dir + base + ".test" + ext;
        case Lang::kGo:
            return source_path.substr(0, dot) + "_test" + ext;
        default:
            return "tests/" + dir + base + "_test" + ext;
    }
}

std::string SourceLine(Lang lang, Rng& rng) {
    const bool code = lang != Lang::kMarkdown && lang != Lang::kJson;
    if (code && rng.Between(0, 149) == 0) {
        return std::string(Finding(lang));
    }
    const std::string_view noun = Pick(kNouns, rng);
    const std::string_view verb = Pick(kVerbs, rng);
    return fmt::format(fmt::runtime(Pick(Templates(lang), rng)), noun, Capitalised(verb),
                       Capitalised(noun), Pick(kNouns, rng), rng.Between(0, 9),
                       rng.Between(1, 4096), verb);
}

std::string SectionName(Lang lang, Rng& rng) {
    if (lang == Lang::kMarkdown || lang == Lang::kJson || rng.Between(0, 3) == 0) {
        return "";
    }
    const std::string noun = Capitalised(Pick(kNouns, rng));
    return " " + noun + "Store::" + Capitalised(Pick(kVerbs, rng)) + noun + "()";
}

}  // namespace nectr::bench
