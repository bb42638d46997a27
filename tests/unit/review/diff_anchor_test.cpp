#include "review/diff_anchor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using testing::Lines;
using testing::MustParse;

// Old file: l1..l5 then l20..l23 (of a longer file). New file: l1 L2 L2b l3 l4 l5 and, lower
// down, l20 L21 l23 at new lines 21..23.
const std::string kDiff = Lines({
    "diff --git a/src/f.cpp b/src/f.cpp",
    "--- a/src/f.cpp",
    "+++ b/src/f.cpp",
    "@@ -1,5 +1,6 @@",
    " l1",
    "-l2",
    "+L2",
    "+L2b",
    " l3",
    " l4",
    " l5",
    "@@ -20,4 +21,3 @@ void F()",
    " l20",
    "-l21",
    "-l22",
    "+L21",
    " l23",
});

class DiffAnchorTest : public ::testing::Test {
protected:
    const Diff diff = MustParse(kDiff);
    const FileDiff& file = diff.files.at(0);
};

TEST_F(DiffAnchorTest, AnchorsOneAddedOrContextLineOnTheRight) {
    auto added = AnchorComment(file, {2, 2, Side::kRight});
    ASSERT_TRUE(added);
    EXPECT_EQ(*added, (CommentAnchor{"src/f.cpp", 2, Side::kRight, std::nullopt, std::nullopt}));
    auto context = AnchorComment(file, {23, 23, Side::kRight});
    ASSERT_TRUE(context);
    EXPECT_EQ(context->line, 23);
    EXPECT_FALSE(context->start_line.has_value()) << "a one-line comment has no start_line";
}

TEST_F(DiffAnchorTest, AnchorsRemovedAndContextLinesOnTheLeftByTheirOldNumbers) {
    auto removed = AnchorComment(file, {22, 22, Side::kLeft});
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->side, Side::kLeft);
    EXPECT_EQ(removed->line, 22);
    EXPECT_TRUE(AnchorComment(file, {3, 3, Side::kLeft})) << "context l3 is old line 3";
    EXPECT_FALSE(AnchorComment(file, {6, 6, Side::kLeft})) << "old line 6 is not in the diff";
    EXPECT_TRUE(AnchorComment(file, {6, 6, Side::kRight})) << "new line 6 (l5) is";
}

TEST_F(DiffAnchorTest, AnchorsAMultiLineRangeWithinOneHunk) {
    auto range = AnchorComment(file, {2, 5, Side::kRight});
    ASSERT_TRUE(range);
    EXPECT_EQ(*range, (CommentAnchor{"src/f.cpp", 5, Side::kRight, 2, Side::kRight}));
    auto reversed = AnchorComment(file, {5, 2, Side::kRight});
    EXPECT_EQ(reversed, range) << "a range given end first means the same lines";
    auto left = AnchorComment(file, {20, 23, Side::kLeft});
    ASSERT_TRUE(left);
    EXPECT_EQ(left->start_line, 20);
    EXPECT_EQ(left->start_side, Side::kLeft);
}

TEST_F(DiffAnchorTest, RefusesARangeThatSpansTwoHunks) {
    EXPECT_FALSE(AnchorComment(file, {5, 22, Side::kRight}));
    EXPECT_FALSE(AnchorComment(file, {4, 21, Side::kLeft}));
}

TEST_F(DiffAnchorTest, RefusesLinesOutsideTheDiff) {
    EXPECT_FALSE(AnchorComment(file, {10, 10, Side::kRight}));
    EXPECT_FALSE(AnchorComment(file, {5, 8, Side::kRight})) << "ends past the first hunk";
    EXPECT_FALSE(AnchorComment(file, {24, 24, Side::kRight}));
    EXPECT_FALSE(AnchorComment(file, {0, 0, Side::kRight}));
    EXPECT_FALSE(AnchorComment(file, {-3, 2, Side::kRight}));
}

TEST_F(DiffAnchorTest, FindsTheFileByPathInAWholeDiff) {
    auto anchor = AnchorComment(diff, "src/f.cpp", {3, 3, Side::kRight});
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->path, "src/f.cpp");
    EXPECT_FALSE(AnchorComment(diff, "src/other.cpp", {3, 3, Side::kRight}));
}

TEST_F(DiffAnchorTest, ReportsWhetherALineIsInTheDiffAndItsText) {
    EXPECT_TRUE(IsLineInDiff(file, 3, Side::kRight));
    EXPECT_FALSE(IsLineInDiff(file, 7, Side::kRight));
    EXPECT_EQ(LineText(file, 3, Side::kRight), "L2b");
    EXPECT_EQ(LineText(file, 2, Side::kLeft), "l2");
    EXPECT_EQ(LineText(file, 2, Side::kRight), "L2");
    EXPECT_EQ(LineText(file, 22, Side::kRight), "L21");
    EXPECT_EQ(LineText(file, 23, Side::kLeft), "l23");
    EXPECT_EQ(LineText(file, 23, Side::kRight), "l23");
    EXPECT_EQ(LineText(file, 19, Side::kLeft), std::nullopt);
}

TEST_F(DiffAnchorTest, ListsTheAddedLinesByNewNumber) {
    EXPECT_EQ(ChangedNewLines(file), (std::vector<int>{2, 3, 22}));
}

TEST(DiffAnchorDeletedFileTest, AnchorsOnlyOnTheLeftOfADeletedFile) {
    const Diff diff =
        MustParse(Lines({"diff --git a/old.txt b/old.txt", "deleted file mode 100644",
                         "--- a/old.txt", "+++ /dev/null", "@@ -1,2 +0,0 @@", "-a", "-b"}));
    const FileDiff& file = diff.files.at(0);
    EXPECT_FALSE(AnchorComment(file, {1, 1, Side::kRight}));
    auto anchor = AnchorComment(file, {1, 2, Side::kLeft});
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->path, "old.txt");
    EXPECT_TRUE(ChangedNewLines(file).empty());
}

TEST(DiffAnchorSideTest, NamesSidesAsTheApiDoes) {
    EXPECT_EQ(SideName(Side::kLeft), "LEFT");
    EXPECT_EQ(SideName(Side::kRight), "RIGHT");
}

}  // namespace
}  // namespace nectr::review
