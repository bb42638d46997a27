#include "review/diff_render.hpp"

#include <gtest/gtest.h>

#include <string>

#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using testing::Lines;
using testing::MustParse;

const std::string kModified = Lines({
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
    "@@ -20,2 +21 @@ void F()",
    " l20",
    "-l21",
    "\\ No newline at end of file",
});

TEST(DiffRenderTest, WritesAFileBackExactlyAsGitDoes) {
    const Diff diff = MustParse(kModified);
    EXPECT_EQ(RenderFile(diff.files.at(0)), kModified);
}

TEST(DiffRenderTest, RoundTripsEveryKindOfFile) {
    const std::string text = Lines({
        "diff --git a/run.sh b/run.sh",
        "old mode 100644",
        "new mode 100755",
        "diff --git a/lib/a b.c b/src/a b.c",
        "similarity index 90%",
        "rename from lib/a b.c",
        "rename to src/a b.c",
        "--- a/lib/a b.c\t",
        "+++ b/src/a b.c\t",
        "@@ -1 +1 @@",
        "-x",
        "+y",
        "diff --git a/one.txt b/two.txt",
        "similarity index 100%",
        "copy from one.txt",
        "copy to two.txt",
        "diff --git a/new.txt b/new.txt",
        "new file mode 100755",
        "--- /dev/null",
        "+++ b/new.txt",
        "@@ -0,0 +1 @@",
        "+n",
        "\\ No newline at end of file",
        "diff --git a/gone.txt b/gone.txt",
        "deleted file mode 100644",
        "--- a/gone.txt",
        "+++ /dev/null",
        "@@ -1 +0,0 @@",
        "-g",
        "diff --git \"a/tab\\tname\" \"b/tab\\tname\"",
        "--- \"a/tab\\tname\"",
        "+++ \"b/tab\\tname\"",
        "@@ -1 +1 @@",
        "-1",
        "+2",
        "diff --git a/pic.png b/pic.png",
        "new file mode 100644",
        "Binary files /dev/null and b/pic.png differ",
    });
    const Diff diff = MustParse(text);
    ASSERT_EQ(diff.files.size(), 7u);
    EXPECT_EQ(diff.files[5].Path(), "tab\tname");
    std::string rendered;
    for (const FileDiff& file : diff.files) {
        rendered += RenderFile(file);
    }
    EXPECT_EQ(rendered, text) << "these lines are the ones git itself writes";
    EXPECT_EQ(MustParse(rendered), diff);
}

TEST(DiffRenderTest, SlicesAHunkAroundARangeWithContext) {
    const Diff diff = MustParse(kModified);
    const FileDiff& file = diff.files.at(0);
    auto around_l2b = SliceHunk(file, {3, 3, Side::kRight}, 1);
    ASSERT_TRUE(around_l2b);
    EXPECT_EQ(RenderHunk(*around_l2b), Lines({"@@ -3 +2,3 @@", "+L2", "+L2b", " l3"}));

    auto removed = SliceHunk(file, {2, 2, Side::kLeft}, 0);
    ASSERT_TRUE(removed);
    EXPECT_EQ(RenderHunk(*removed), Lines({"@@ -2 +1,0 @@", "-l2"}));

    auto inserted = SliceHunk(file, {2, 2, Side::kRight}, 0);
    ASSERT_TRUE(inserted);
    EXPECT_EQ(RenderHunk(*inserted), Lines({"@@ -2,0 +2 @@", "+L2"}));

    auto last = SliceHunk(file, {21, 21, Side::kLeft}, 0);
    ASSERT_TRUE(last);
    EXPECT_EQ(RenderHunk(*last),
              Lines({"@@ -21 +21,0 @@ void F()", "-l21", "\\ No newline at end of file"}));
}

TEST(DiffRenderTest, ASliceWithAmpleContextIsTheWholeHunk) {
    const Diff diff = MustParse(kModified);
    const FileDiff& file = diff.files.at(0);
    EXPECT_EQ(SliceHunk(file, {4, 4, Side::kRight}, 100), file.hunks[0]);
    EXPECT_EQ(SliceHunk(file, {1, 6, Side::kRight}, 0), file.hunks[0]);
}

TEST(DiffRenderTest, ASliceReadsBackAsAPatchWithTheSameLineNumbers) {
    const Diff diff = MustParse(kModified);
    const FileDiff& file = diff.files.at(0);
    for (int context = 0; context < 4; ++context) {
        for (int line = 1; line <= 6; ++line) {
            auto slice = SliceHunk(file, {line, line, Side::kRight}, context);
            ASSERT_TRUE(slice) << line;
            auto reparsed = ParsePatch("src/f.cpp", FileStatus::kModified, RenderHunk(*slice));
            ASSERT_TRUE(reparsed) << reparsed.error().detail;
            ASSERT_EQ(reparsed->hunks.size(), 1u);
            EXPECT_EQ(reparsed->hunks[0], *slice) << "line " << line << " context " << context;
        }
    }
}

TEST(DiffRenderTest, RefusesToSliceAcrossHunksOrOutsideTheDiff) {
    const Diff diff = MustParse(kModified);
    EXPECT_FALSE(SliceHunk(diff.files[0], {5, 21, Side::kRight}, 3));
    EXPECT_FALSE(SliceHunk(diff.files[0], {10, 10, Side::kRight}, 3));
}

}  // namespace
}  // namespace nectr::review
