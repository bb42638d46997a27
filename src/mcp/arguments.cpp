#include "mcp/arguments.hpp"

#include <charconv>
#include <cmath>

namespace nectr::mcp {
namespace {

namespace json = boost::json;

core::Error Invalid(std::string detail) {
    return core::MakeError(core::Errc::kInvalidInput, std::move(detail));
}

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

bool IsNamePart(std::string_view part) {
    if (part.empty() || part.size() > 100 || part == "." || part == "..") {
        return false;
    }
    for (char c : part) {
        if (!IsNameChar(c)) {
            return false;
        }
    }
    return true;
}

std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    if (at + count > text.size()) {
        return std::nullopt;
    }
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, value);
    if (ec != std::errc() || end != text.data() + at + count) {
        return std::nullopt;
    }
    return value;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

core::Result<std::string> RepositoryArgument(const json::object& args) {
    const json::value* value = args.if_contains("repo");
    if (value == nullptr || !value->is_string()) {
        return Invalid("repo is required: the repository as \"owner/name\"");
    }
    const std::string repo(value->as_string());
    const std::size_t slash = repo.find('/');
    if (slash == std::string::npos || !IsNamePart(std::string_view(repo).substr(0, slash)) ||
        !IsNamePart(std::string_view(repo).substr(slash + 1))) {
        return Invalid("repo must look like \"owner/name\", not \"" + repo.substr(0, 200) + "\"");
    }
    return repo;
}

core::Result<std::int64_t> IntegerArgument(const json::object& args, std::string_view name,
                                           std::int64_t fallback, std::int64_t min,
                                           std::int64_t max) {
    const json::value* value = args.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return fallback;
    }
    std::optional<std::int64_t> number;
    if (value->is_int64()) {
        number = value->as_int64();
    } else if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(max)) {
        number = static_cast<std::int64_t>(value->as_uint64());
    } else if (value->is_double() && std::floor(value->as_double()) == value->as_double() &&
               std::abs(value->as_double()) < 1e15) {
        number = static_cast<std::int64_t>(value->as_double());
    } else if (value->is_string()) {
        std::int64_t parsed = 0;
        const json::string& text = value->as_string();
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (ec == std::errc() && end == text.data() + text.size()) {
            number = parsed;
        }
    }
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    if (!number || *number < min || *number > max) {
        return Invalid(std::string(name) + " must be a whole number from " + range);
    }
    return *number;
}

core::Result<std::string> StringArgument(const json::object& args, std::string_view name,
                                         std::size_t max_bytes) {
    const json::value* value = args.if_contains(name);
    if (value == nullptr || !value->is_string() || value->as_string().empty()) {
        return Invalid(std::string(name) + " is required (a non-empty string)");
    }
    if (value->as_string().size() > max_bytes) {
        return core::MakeError(core::Errc::kTooLarge, std::string(name) + " is larger than " +
                                                          std::to_string(max_bytes) + " bytes");
    }
    return std::string(value->as_string());
}

core::Result<std::vector<std::string>> StringListArgument(const json::object& args,
                                                          std::string_view name,
                                                          std::size_t max_items) {
    const json::value* value = args.if_contains(name);
    const std::string rule = std::string(name) + " must be a list of 1 to " +
                             std::to_string(max_items) + " non-empty strings";
    if (value != nullptr && value->is_string() && !value->as_string().empty()) {
        return std::vector<std::string>{std::string(value->as_string())};
    }
    if (value == nullptr || !value->is_array() || value->as_array().empty() ||
        value->as_array().size() > max_items) {
        return Invalid(rule);
    }
    std::vector<std::string> items;
    for (const json::value& item : value->as_array()) {
        if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 1024) {
            return Invalid(rule);
        }
        items.emplace_back(item.as_string());
    }
    return items;
}

std::optional<std::int64_t> ParseUtcTime(std::string_view text) {
    // YYYY-MM-DD
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto year = Digits(text, 0, 4);
    auto month = Digits(text, 5, 2);
    auto day = Digits(text, 8, 2);
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31) {
        return std::nullopt;
    }
    std::int64_t millis =
        DaysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)) *
        86'400'000;
    if (text.size() == 10) {
        return millis;
    }
    // THH:MM:SS[.fff]Z
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
        text[16] != ':' || (text.back() != 'Z' && text.back() != 'z')) {
        return std::nullopt;
    }
    auto hour = Digits(text, 11, 2);
    auto minute = Digits(text, 14, 2);
    auto second = Digits(text, 17, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    millis += (*hour * 3600LL + *minute * 60LL + *second) * 1000;
    const std::string_view fraction = text.substr(19, text.size() - 20);
    if (!fraction.empty()) {
        if (fraction.size() < 2 || fraction.size() > 10 || fraction[0] != '.') {
            return std::nullopt;
        }
        auto digits = Digits(fraction, 1, std::min<std::size_t>(fraction.size() - 1, 3));
        if (!digits || !Digits(fraction, 1, fraction.size() - 1)) {
            return std::nullopt;
        }
        const std::size_t width = std::min<std::size_t>(fraction.size() - 1, 3);
        millis += *digits * (width == 1 ? 100 : width == 2 ? 10 : 1);
    }
    return millis;
}

core::Result<std::int64_t> SinceArgument(const json::object& args, std::int64_t fallback_ms) {
    const json::value* value = args.if_contains("since");
    if (value == nullptr || value->is_null()) {
        return fallback_ms;
    }
    std::optional<std::int64_t> millis =
        value->is_string() ? ParseUtcTime(value->as_string()) : std::nullopt;
    if (!millis) {
        return Invalid("since must be a UTC date (2024-03-01) or date-time (2024-03-01T12:00:00Z)");
    }
    return *millis;
}

}  // namespace nectr::mcp
