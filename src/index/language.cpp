#include "index/language.hpp"

#include <array>
#include <string>
#include <utility>

#include "index/text.hpp"

namespace nectr::index {
namespace {

constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
    {"c", "c"},
    {"h", "c"},
    {"cc", "cpp"},
    {"cpp", "cpp"},
    {"cxx", "cpp"},
    {"c++", "cpp"},
    {"hh", "cpp"},
    {"hpp", "cpp"},
    {"hxx", "cpp"},
    {"ipp", "cpp"},
    {"cs", "csharp"},
    {"go", "go"},
    {"java", "java"},
    {"kt", "kotlin"},
    {"kts", "kotlin"},
    {"js", "javascript"},
    {"jsx", "javascript"},
    {"mjs", "javascript"},
    {"cjs", "javascript"},
    {"ts", "javascript"},
    {"tsx", "javascript"},
    {"mts", "javascript"},
    {"cts", "javascript"},
    {"vue", "javascript"},
    {"svelte", "javascript"},
    {"php", "php"},
    {"py", "python"},
    {"pyw", "python"},
    {"pyi", "python"},
    {"rb", "ruby"},
    {"rake", "ruby"},
    {"rs", "rust"},
    {"scala", "scala"},
    {"sc", "scala"},
    {"swift", "swift"},
    {"sh", "shell"},
    {"bash", "shell"},
    {"zsh", "shell"},
    {"ksh", "shell"},
    {"md", "documentation"},
    {"markdown", "documentation"},
    {"mdx", "documentation"},
    {"rst", "documentation"},
    {"txt", "documentation"},
    {"adoc", "documentation"},
    {"asciidoc", "documentation"},
    {"org", "documentation"},
    {"yaml", "config"},
    {"yml", "config"},
    {"toml", "config"},
    {"json", "config"},
    {"jsonc", "config"},
    {"json5", "config"},
    {"ini", "config"},
    {"cfg", "config"},
    {"conf", "config"},
    {"properties", "config"},
    {"xml", "config"},
    {"env", "config"},
    {"tf", "config"},
    {"tfvars", "config"},
    {"gradle", "config"},
};

std::string_view BaseName(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view LanguageOfFileName(std::string_view lower_name) {
    if (lower_name == "dockerfile" || lower_name.starts_with("dockerfile.") ||
        lower_name.ends_with(".dockerfile") || lower_name == "containerfile") {
        return "shell";
    }
    if (lower_name == "makefile" || lower_name == "gnumakefile" || lower_name == "cmakelists.txt" ||
        lower_name == ".env" || lower_name.starts_with(".env.")) {
        return "config";
    }
    if (lower_name == "gemfile" || lower_name == "rakefile") {
        return "ruby";
    }
    if (lower_name == "license" || lower_name == "readme" || lower_name == "changelog" ||
        lower_name == "authors" || lower_name == "notice") {
        return "documentation";
    }
    return "";
}

}  // namespace

std::string_view ExtensionOf(std::string_view path) {
    const std::string_view name = BaseName(path);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return "";
    }
    return name.substr(dot + 1);
}

std::string_view LanguageOfPath(std::string_view path) {
    const std::string lower_name = ToLower(BaseName(path));
    if (const std::string_view by_name = LanguageOfFileName(lower_name); !by_name.empty()) {
        return by_name;
    }
    const std::string_view extension = ExtensionOf(lower_name);
    for (const auto& [known, language] : kExtensions) {
        if (extension == known) {
            return language;
        }
    }
    return "";
}

bool IsProseOrConfig(std::string_view language) {
    return language == "documentation" || language == "config";
}

bool HasBraceBlocks(std::string_view language) {
    static constexpr std::array<std::string_view, 11> kBraced = {
        "c",          "cpp", "csharp", "go",    "java", "kotlin",
        "javascript", "php", "rust",   "scala", "swift"};
    for (std::string_view braced : kBraced) {
        if (language == braced) {
            return true;
        }
    }
    return false;
}

}  // namespace nectr::index
