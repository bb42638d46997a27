#pragma once

// Shared pieces of the auth tests: a clock the test sets, the node peers (the `fernet` and
// `jsonwebtoken` packages) run as processes, and the shared Fernet spec vectors.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "support/process.hpp"

namespace nectr::auth::testing {

namespace json = boost::json;

class FakeClock final : public core::Clock {
public:
    explicit FakeClock(std::int64_t unix_seconds) : now_(std::chrono::seconds(unix_seconds)) {}
    std::chrono::system_clock::time_point Now() const override { return now_; }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::time_point(now_.time_since_epoch());
    }
    void Advance(std::chrono::seconds by) { now_ += by; }
    std::int64_t Seconds() const {
        return std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
    }

private:
    std::chrono::system_clock::time_point now_;
};

inline std::string NodeDir() {
    return std::filesystem::path(NECTR_NODE_MODULES).parent_path().string();
}

inline void WriteFile(const std::string& path, std::string_view content) {
    std::ofstream(path, std::ios::binary) << content;
}

// Runs `node tests/node/<script> args...` with `input` on standard input and parses the
// JSON line it prints; a failure to run or parse fails the calling test.
inline json::value RunNodeJson(const std::string& script, std::vector<std::string> args,
                               std::string_view input = "") {
    nectr::testing::TempDir dir;
    WriteFile(dir.Path() + "/stdin", input);
    std::vector<std::string> argv = {"/usr/bin/env", "node", NodeDir() + "/" + script};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = nectr::testing::RunCommand(argv, {}, std::chrono::seconds(60), NodeDir(),
                                             dir.Path() + "/stdin");
    EXPECT_EQ(result.exit_code, 0)
        << script << " failed (run scripts/bootstrap.sh --test): " << result.err;
    boost::system::error_code ec;
    json::value line = json::parse(result.out, ec);
    EXPECT_FALSE(ec) << script << " printed no JSON: " << result.out << result.err;
    return line;
}

// A JSON file of the shared fixtures (NECTR_SHARED_FIXTURES/<relative>).
inline json::value LoadSharedFixture(const std::string& relative) {
    const std::string path = std::string(NECTR_SHARED_FIXTURES) + "/" + relative;
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "missing fixture " << path
                           << " (configure with -DNECTR_SHARED_FIXTURES=<dir>)";
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    json::value value = json::parse(text.str(), ec);
    EXPECT_FALSE(ec) << path << " is not JSON";
    return value;
}

// Unix seconds of an RFC 3339 time with a numeric offset, "1985-10-26T01:20:01-07:00", as the
// Fernet vectors write it; -1 when the text has another form.
inline std::int64_t ParseRfc3339Seconds(const std::string& text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, off_h = 0, off_m = 0;
    char sign = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &year, &month, &day, &hour,
                    &minute, &second, &sign, &off_h, &off_m) != 9 ||
        (sign != '+' && sign != '-')) {
        return -1;
    }
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    const std::int64_t local = std::chrono::sys_days(date).time_since_epoch().count() * 86400 +
                               hour * 3600 + minute * 60 + second;
    const std::int64_t offset = (off_h * 3600 + off_m * 60) * (sign == '-' ? -1 : 1);
    return local - offset;
}

}  // namespace nectr::auth::testing
