#include "analyzers/finding.hpp"

#include <array>
#include <tuple>
#include <utility>

namespace nectr::analyzers {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 5> kNames = {{
    {Severity::kInfo, "info"},
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (x != b[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view SeverityName(Severity severity) {
    for (const auto& [value, name] : kNames) {
        if (value == severity) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
    for (const auto& [value, known] : kNames) {
        if (EqualsIgnoringAsciiCase(name, known)) {
            return value;
        }
    }
    return std::nullopt;
}

bool FindingBefore(const Finding& a, const Finding& b) {
    return std::tie(a.path, a.line, a.rule, a.message) <
           std::tie(b.path, b.line, b.rule, b.message);
}

}  // namespace nectr::analyzers
