#include "analyzers/mask.hpp"

#include <algorithm>
#include <cstddef>

namespace nectr::analyzers {
namespace {

constexpr std::size_t kKeptCharacters = 4;
constexpr std::size_t kShortestWithPrefix = 16;

}  // namespace

std::string MaskSecret(std::string_view value) {
    std::string masked;
    if (value.size() >= kShortestWithPrefix) {
        // Stop before a non-ASCII byte so that the kept prefix is never half a character.
        for (std::size_t i = 0; i < kKeptCharacters; ++i) {
            if (static_cast<unsigned char>(value[i]) >= 0x80) {
                break;
            }
            masked += value[i];
        }
    }
    masked += "…(";
    masked += std::to_string(value.size());
    masked += " chars)";
    return masked;
}

std::string MaskSecretValues(std::string text, std::vector<std::string> values) {
    std::sort(values.begin(), values.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& value : values) {
        if (value.empty()) {
            continue;
        }
        const std::string masked = MaskSecret(value);
        for (auto at = text.find(value); at != std::string::npos;
             at = text.find(value, at + masked.size())) {
            text.replace(at, value.size(), masked);
        }
    }
    return text;
}

}  // namespace nectr::analyzers
