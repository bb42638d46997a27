#include "analyzers/language.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace nectr::analyzers {
namespace {

std::string Lowercase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

constexpr std::pair<std::string_view, Language> kExtensions[] = {
    {"c", Language::kC},
    {"h", Language::kC},
    {"cc", Language::kCpp},
    {"cpp", Language::kCpp},
    {"cxx", Language::kCpp},
    {"c++", Language::kCpp},
    {"hh", Language::kCpp},
    {"hpp", Language::kCpp},
    {"hxx", Language::kCpp},
    {"ipp", Language::kCpp},
    {"cs", Language::kCSharp},
    {"go", Language::kGo},
    {"java", Language::kJava},
    {"kt", Language::kKotlin},
    {"kts", Language::kKotlin},
    {"js", Language::kJavaScript},
    {"jsx", Language::kJavaScript},
    {"mjs", Language::kJavaScript},
    {"cjs", Language::kJavaScript},
    {"ts", Language::kJavaScript},
    {"tsx", Language::kJavaScript},
    {"mts", Language::kJavaScript},
    {"cts", Language::kJavaScript},
    {"vue", Language::kJavaScript},
    {"svelte", Language::kJavaScript},
    {"php", Language::kPhp},
    {"py", Language::kPython},
    {"pyw", Language::kPython},
    {"pyi", Language::kPython},
    {"rb", Language::kRuby},
    {"rake", Language::kRuby},
    {"rs", Language::kRust},
    {"scala", Language::kScala},
    {"sc", Language::kScala},
    {"swift", Language::kSwift},
    {"sh", Language::kShell},
    {"bash", Language::kShell},
    {"zsh", Language::kShell},
    {"ksh", Language::kShell},
    {"md", Language::kDocumentation},
    {"markdown", Language::kDocumentation},
    {"mdx", Language::kDocumentation},
    {"rst", Language::kDocumentation},
    {"txt", Language::kDocumentation},
    {"adoc", Language::kDocumentation},
    {"asciidoc", Language::kDocumentation},
    {"org", Language::kDocumentation},
    {"yaml", Language::kConfig},
    {"yml", Language::kConfig},
    {"toml", Language::kConfig},
    {"json", Language::kConfig},
    {"jsonc", Language::kConfig},
    {"json5", Language::kConfig},
    {"ini", Language::kConfig},
    {"cfg", Language::kConfig},
    {"conf", Language::kConfig},
    {"properties", Language::kConfig},
    {"xml", Language::kConfig},
    {"env", Language::kConfig},
    {"tf", Language::kConfig},
    {"tfvars", Language::kConfig},
    {"gradle", Language::kConfig},
};

Language LanguageOfFileName(std::string_view lower_name) {
    if (lower_name == "dockerfile" || lower_name.starts_with("dockerfile.") ||
        lower_name.ends_with(".dockerfile") || lower_name == "containerfile") {
        return Language::kShell;
    }
    if (lower_name == "makefile" || lower_name == "gnumakefile" || lower_name == "cmakelists.txt" ||
        lower_name == ".env" || lower_name.starts_with(".env.")) {
        return Language::kConfig;
    }
    if (lower_name == "gemfile" || lower_name == "rakefile") {
        return Language::kRuby;
    }
    if (lower_name == "license" || lower_name == "readme" || lower_name == "changelog" ||
        lower_name == "authors" || lower_name == "notice") {
        return Language::kDocumentation;
    }
    return Language::kUnknown;
}

bool HasTestFolder(std::string_view lower_path) {
    static constexpr std::string_view kFolders[] = {"test",  "tests",    "__tests__", "spec",
                                                    "specs", "testdata", "testing"};
    std::size_t start = 0;
    while (true) {
        std::size_t slash = lower_path.find('/', start);
        if (slash == std::string_view::npos) {
            return false;  // the last part is the file name, not a folder
        }
        std::string_view folder = lower_path.substr(start, slash - start);
        for (std::string_view known : kFolders) {
            if (folder == known) {
                return true;
            }
        }
        start = slash + 1;
    }
}

bool HasTestFileName(std::string_view name, std::string_view lower_name) {
    std::size_t dot = lower_name.find('.');
    std::string_view stem = lower_name.substr(0, dot);
    std::string_view original_stem = name.substr(0, dot);
    if (stem.starts_with("test_") || stem == "conftest" || stem.ends_with("_test") ||
        stem.ends_with("_tests") || stem.ends_with("_unittest") || stem.ends_with("_spec") ||
        stem.ends_with("-test") || stem.ends_with("-spec")) {
        return true;
    }
    // foo.test.ts, foo.spec.js, foo.e2e-spec.ts
    if (lower_name.find(".test.") != std::string_view::npos ||
        lower_name.find(".spec.") != std::string_view::npos ||
        lower_name.find("-spec.") != std::string_view::npos) {
        return true;
    }
    // FooTest.java, FooTests.cs, FooSpec.scala, FooTestCase.php: case matters, or "Contest"
    // and "latest.kt" would count.
    for (std::string_view suffix : {"Test", "Tests", "Spec", "TestCase"}) {
        if (original_stem.size() > suffix.size() && original_stem.ends_with(suffix)) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string_view BaseName(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

Language LanguageOf(std::string_view path) {
    std::string lower_name = Lowercase(BaseName(path));
    Language by_name = LanguageOfFileName(lower_name);
    if (by_name != Language::kUnknown) {
        return by_name;
    }
    std::size_t dot = lower_name.rfind('.');
    if (dot == std::string::npos) {
        return Language::kUnknown;
    }
    std::string_view extension = std::string_view(lower_name).substr(dot + 1);
    for (const auto& [known, language] : kExtensions) {
        if (extension == known) {
            return language;
        }
    }
    return Language::kUnknown;
}

bool IsCode(Language language) { return kCodeLanguages.Contains(language); }

bool IsTestPath(std::string_view path) {
    std::string lower_path = Lowercase(path);
    if (HasTestFolder(lower_path)) {
        return true;
    }
    std::string_view name = BaseName(path);
    return HasTestFileName(name, BaseName(lower_path));
}

}  // namespace nectr::analyzers
