#include "github/json_fields.hpp"

#include <fmt/core.h>
#include <time.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <ctime>

namespace nectr::github {

namespace json = boost::json;

core::Result<json::value> ParseJson(std::string_view body, std::string_view what) {
    boost::system::error_code ec;
    json::value value = json::parse(json::string_view(body.data(), body.size()), ec);
    if (ec) {
        return core::MakeError(core::Errc::kUpstream,
                               fmt::format("GitHub sent {} that is not JSON: {} ({} bytes)", what,
                                           ec.message(), body.size()));
    }
    return value;
}

namespace {

// Reads `count` digits at `pos` into `out`; false when they are not all digits.
bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) {
        return false;
    }
    const char* first = text.data() + pos;
    auto [end, ec] = std::from_chars(first, first + count, out);
    return ec == std::errc() && end == first + count;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS then optional .fraction, then Z or ±HH:MM.
    std::tm tm{};
    int year = 0;
    int month = 0;
    if (text.size() < 20 || !ReadDigits(text, 0, 4, year) || text[4] != '-' ||
        !ReadDigits(text, 5, 2, month) || text[7] != '-' || !ReadDigits(text, 8, 2, tm.tm_mday) ||
        (text[10] != 'T' && text[10] != ' ') || !ReadDigits(text, 11, 2, tm.tm_hour) ||
        text[13] != ':' || !ReadDigits(text, 14, 2, tm.tm_min) || text[16] != ':' ||
        !ReadDigits(text, 17, 2, tm.tm_sec)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60) {
        return std::nullopt;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
    }
    long offset_seconds = 0;
    std::string_view zone = text.substr(pos);
    if (zone == "Z" || zone == "z") {
        offset_seconds = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int hours = 0;
        int minutes = 0;
        if (!ReadDigits(zone, 1, 2, hours) || !ReadDigits(zone, 4, 2, minutes)) {
            return std::nullopt;
        }
        offset_seconds = (hours * 60L + minutes) * 60L * (zone[0] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    const time_t utc = ::timegm(&tm);
    return std::chrono::system_clock::from_time_t(utc - offset_seconds);
}

std::string FormatTimestamp(std::chrono::system_clock::time_point time) {
    const time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace nectr::github
