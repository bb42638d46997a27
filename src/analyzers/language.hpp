#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace nectr::analyzers {

// What a path holds, judged by its name alone. The analyzers pick their rules by it.
enum class Language : std::uint8_t {
    kUnknown,
    kC,
    kCpp,
    kCSharp,
    kGo,
    kJava,
    kKotlin,
    kJavaScript,  // and TypeScript, JSX, Vue and Svelte single-file components
    kPhp,
    kPython,
    kRuby,
    kRust,
    kScala,
    kSwift,
    kShell,          // shell scripts and Dockerfiles
    kDocumentation,  // Markdown, reStructuredText, plain text, AsciiDoc
    kConfig,         // YAML, TOML, JSON, INI, XML, .env and similar settings files
};

// A set of languages, for rules that apply to several of them.
class LanguageSet {
public:
    constexpr LanguageSet() = default;
    constexpr LanguageSet(std::initializer_list<Language> languages) {
        for (Language language : languages) {
            bits_ |= Bit(language);
        }
    }
    constexpr bool Contains(Language language) const { return (bits_ & Bit(language)) != 0; }

private:
    static constexpr std::uint32_t Bit(Language language) {
        return std::uint32_t{1} << static_cast<unsigned>(language);
    }
    std::uint32_t bits_ = 0;
};

// Every programming language above (IsCode).
inline constexpr LanguageSet kCodeLanguages = {
    Language::kC,      Language::kCpp,        Language::kCSharp, Language::kGo,     Language::kJava,
    Language::kKotlin, Language::kJavaScript, Language::kPhp,    Language::kPython, Language::kRuby,
    Language::kRust,   Language::kScala,      Language::kSwift,  Language::kShell};

// The language of `path` from its extension or well-known file name (Dockerfile, Makefile).
Language LanguageOf(std::string_view path);

// True for a programming language, as opposed to documentation, configuration or unknown.
bool IsCode(Language language);

// True when `path` looks like a test, test helper or test data in any common convention:
// a test/, tests/, __tests__/, spec/ or testdata/ folder, or names such as foo_test.go,
// foo.test.ts, foo.spec.js, test_foo.py, FooTest.java, foo_test.cpp, foo_spec.rb.
bool IsTestPath(std::string_view path);

// The last '/'-separated part of `path`.
std::string_view BaseName(std::string_view path);

}  // namespace nectr::analyzers
