#include "analyzers/conflict_markers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::FileWith;

std::vector<Finding> Scan(const std::string& path, const std::vector<std::string>& lines) {
    std::vector<Finding> findings;
    FindConflictMarkers(FileWith(path, lines, 10), findings);
    return findings;
}

TEST(ConflictMarkersTest, ReportsOneFindingPerConflictBlockAtItsStart) {
    const auto findings = Scan(
        "src/app.py", {"def f():", "<<<<<<< HEAD", "    return 1", "=======", "    return 2",
                       ">>>>>>> feature/x", "", "<<<<<<< HEAD", "a",
                       "||||||| merged common ancestors", "b", "=======", "c", ">>>>>>> other"});
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].rule, "conflict.marker");
    EXPECT_EQ(findings[0].category, "correctness");
    EXPECT_EQ(findings[0].severity, Severity::kHigh);
    EXPECT_EQ(findings[0].line, 11);
    EXPECT_NE(findings[0].message.find("lines 11-15"), std::string::npos) << findings[0].message;
    EXPECT_EQ(findings[1].line, 17);
}

TEST(ConflictMarkersTest, ReportsMarkersWithoutAPartner) {
    const auto open_only = Scan("a.go", {"<<<<<<< HEAD", "x := 1"});
    ASSERT_EQ(open_only.size(), 1u);
    EXPECT_EQ(open_only[0].line, 10);
    const auto close_only = Scan("a.go", {"x := 1", ">>>>>>> main"});
    ASSERT_EQ(close_only.size(), 1u);
    EXPECT_EQ(close_only[0].line, 11);
    const auto no_separator = Scan("a.go", {"<<<<<<< HEAD", ">>>>>>> main"});
    EXPECT_EQ(no_separator.size(), 2u);
}

TEST(ConflictMarkersTest, LeavesUnderlinesAndLookalikesAlone) {
    EXPECT_TRUE(Scan("README.md", {"Title", "=======", "", "Text"}).empty())
        << "a setext heading underline is not a conflict";
    EXPECT_TRUE(Scan("docs/index.rst", {"=======", "Title", "======="}).empty());
    EXPECT_TRUE(Scan("src/shift.cpp", {"x <<<<<<<< 2;", "<<<<<<<<", ">>>>>>>>"}).empty())
        << "eight characters are not git's marker";
    EXPECT_TRUE(Scan("src/a.cpp", {"  <<<<<<< indented", "// >>>>>>> quoted"}).empty())
        << "git writes markers at the start of the line";
    EXPECT_TRUE(Scan("src/a.txt", {"<<<<<<<x", ">>>>>>>y"}).empty());
}

TEST(ConflictMarkersTest, AcceptsBareMarkersAndWindowsLineEndings) {
    const auto findings = Scan("a.c", {"<<<<<<<\r", "a", "=======\r", "b", ">>>>>>>\r"});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].line, 10);
}

TEST(ConflictMarkersTest, SkipsBinaryFiles) {
    auto file = FileWith("a.bin", {"<<<<<<< HEAD", "=======", ">>>>>>> x"});
    file.binary = true;
    std::vector<Finding> findings;
    FindConflictMarkers(file, findings);
    EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace nectr::analyzers
