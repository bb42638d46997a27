#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "review/diff_parser.hpp"

namespace nectr::review {

// Readable gtest output for the model, found by argument-dependent lookup.
inline void PrintTo(const DiffLine& line, std::ostream* out) {
    const char prefix =
        line.kind == LineKind::kAdded ? '+' : (line.kind == LineKind::kRemoved ? '-' : ' ');
    *out << "{" << line.old_line.value_or(0) << "," << line.new_line.value_or(0) << " " << prefix
         << ::testing::PrintToString(line.text) << (line.no_newline_at_end ? " (no newline)" : "")
         << "}";
}

inline void PrintTo(const Hunk& hunk, std::ostream* out) {
    *out << "@@ -" << hunk.old_start << "," << hunk.old_count << " +" << hunk.new_start << ","
         << hunk.new_count << " @@ " << ::testing::PrintToString(hunk.section) << " "
         << ::testing::PrintToString(hunk.lines);
}

}  // namespace nectr::review

namespace nectr::review::testing {

// Lines joined with "\n", each one terminated: keeps significant spaces visible in tests.
inline std::string Lines(std::initializer_list<std::string_view> lines) {
    std::string out;
    for (std::string_view line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

// Parses text that must parse; a failure names the parser's message.
inline Diff MustParse(std::string_view text) {
    auto diff = ParseUnifiedDiff(text);
    EXPECT_TRUE(diff.has_value()) << (diff ? "" : diff.error().detail);
    return diff ? *diff : Diff{};
}

// The detail of the error the text must produce (kInvalidInput).
inline std::string MustFail(std::string_view text) {
    auto diff = ParseUnifiedDiff(text);
    EXPECT_FALSE(diff.has_value()) << "parsed although it should not:\n" << text;
    if (diff) {
        return "";
    }
    EXPECT_EQ(diff.error().code, core::Errc::kInvalidInput);
    return diff.error().detail;
}

inline std::string ReadFixture(const std::string& name) {
    std::ifstream in(std::string(NECTR_SOURCE_DIR) + "/tests/fixtures/diffs/" + name,
                     std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing fixture " << name;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace nectr::review::testing
