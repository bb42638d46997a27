#pragma once

// Lines and paths that look like a real code base's, for the synthetic pull requests.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace nectr::bench {

class Rng {
public:
    explicit Rng(std::uint32_t seed) : engine_(seed) {}

    // A number in [low, high], both included.
    int Between(int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(engine_);
    }
    std::mt19937& Engine() { return engine_; }

private:
    std::mt19937 engine_;
};

enum class Lang { kCpp, kPython, kTypeScript, kGo, kJava, kRust, kMarkdown, kJson };

Lang RandomCodeLang(Rng& rng);
std::string_view RandomWord(Rng& rng);

// "src/billing/invoice_loader.cpp", "services/auth/token_store.py", ...
std::string SourcePath(Lang lang, Rng& rng);
// The test file next to a source file, named the way its language's tools expect.
std::string TestPathFor(const std::string& source_path, Lang lang);

// One line of a file in `lang`. About one line in 150 of code is something the offline
// analyzers report (a debug print, eval, a shell command), as in real changes.
std::string SourceLine(Lang lang, Rng& rng);
// The text git puts after a hunk header: usually an enclosing function, sometimes nothing.
std::string SectionName(Lang lang, Rng& rng);

}  // namespace nectr::bench
