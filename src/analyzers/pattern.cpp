#include "analyzers/pattern.hpp"

#include "core/error.hpp"

namespace nectr::analyzers {

std::unique_ptr<RE2> CompilePattern(std::string_view pattern) {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    // RE2 would log "DFA out of memory" on a huge line before falling back to its slower,
    // still linear, engine; the fallback is expected and the log would only be noise.
    options.set_log_errors(false);
    auto compiled =
        std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    NECTR_ASSERT(compiled->ok(), "an analyzer pattern must compile");
    return compiled;
}

}  // namespace nectr::analyzers
