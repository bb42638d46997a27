#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "review/diff_parser.hpp"
#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using ::testing::HasSubstr;
using testing::Lines;
using testing::MustFail;

const std::string kHeader = Lines({"--- a/f.txt", "+++ b/f.txt"});

TEST(DiffParserErrorsTest, RejectsAHunkCutShortByTheEndOfTheDiff) {
    const std::string detail = MustFail(kHeader + Lines({"@@ -1,3 +1,3 @@", " a", "-b"}));
    EXPECT_THAT(detail, HasSubstr("line 6:"));
    EXPECT_THAT(detail, HasSubstr("hunk at line 3 still expects 1 old and 2 new lines"));
}

TEST(DiffParserErrorsTest, RejectsAHunkCutShortByTheNextFile) {
    const std::string detail =
        MustFail(kHeader + Lines({"@@ -1,2 +1,2 @@", " a", "diff --git a/g b/g"}));
    EXPECT_THAT(detail, HasSubstr("line 5:"));
    EXPECT_THAT(detail, HasSubstr("not part of a hunk"));
}

TEST(DiffParserErrorsTest, RejectsAHunkWithMoreLinesThanItsHeaderCounts) {
    const std::string detail = MustFail(kHeader + Lines({"@@ -1 +1 @@", "-a", "+b", "+c"}));
    EXPECT_THAT(detail, HasSubstr("line 6:"));
    EXPECT_THAT(detail, HasSubstr("more lines than its header counts"));
}

TEST(DiffParserErrorsTest, RejectsALineOfTheWrongSideForTheCountsLeft) {
    // One old line expected, no new one: an added line cannot fit.
    const std::string detail = MustFail(kHeader + Lines({"@@ -1,2 +1 @@", " a", "+b"}));
    EXPECT_THAT(detail, HasSubstr("line 5:"));
    EXPECT_THAT(detail, HasSubstr("finds an added line"));
}

TEST(DiffParserErrorsTest, RejectsTextWithNoFileHeader) {
    const std::string detail = MustFail("this is not a diff\nat all\n");
    EXPECT_THAT(detail, HasSubstr("no file header"));
    EXPECT_THAT(detail, HasSubstr("line "));
}

TEST(DiffParserErrorsTest, RejectsAHunkWithoutAFileHeader) {
    EXPECT_THAT(MustFail(Lines({"intro", "@@ -1 +1 @@", "-a", "+b"})),
                HasSubstr("line 2: a hunk without a file header"));
}

TEST(DiffParserErrorsTest, RejectsMalformedHunkHeaders) {
    for (const char* header : {"@@ -1,2 +1,2", "@@ -a,2 +1,2 @@", "@@ -1,2 1,2 @@", "@@ -0,1 +1 @@",
                               "@@ -1,-2 +1 @@", "@@ -1,99999999999 +1 @@", "@@ - +1 @@"}) {
        const std::string detail = MustFail(kHeader + Lines({header, " a"}));
        EXPECT_THAT(detail, HasSubstr("line 3: malformed hunk header")) << header;
    }
}

TEST(DiffParserErrorsTest, RejectsHunksOutOfOrderOrOverlapping) {
    const std::string detail =
        MustFail(kHeader + Lines({"@@ -5,2 +5,2 @@", " a", " b", "@@ -6,2 +6,2 @@", " b", " c"}));
    EXPECT_THAT(detail, HasSubstr("line 6: the hunk overlaps"));
}

TEST(DiffParserErrorsTest, RejectsCombinedDiffsOfMerges) {
    EXPECT_THAT(MustFail(Lines({"diff --cc f.txt", "@@@ -1,1 -1,1 +1,1 @@@"})),
                HasSubstr("line 1: combined diffs"));
}

TEST(DiffParserErrorsTest, RejectsANoNewlineMarkerThatFollowsNothing) {
    EXPECT_THAT(MustFail(kHeader + Lines({"@@ -1 +1 @@", "\\ No newline at end of file"})),
                HasSubstr("line 4:"));
}

TEST(DiffParserErrorsTest, RejectsLinesAfterTheLastLineOfAFile) {
    EXPECT_THAT(
        MustFail(kHeader + Lines({"@@ -1,2 +1,2 @@", " a", "\\ No newline at end of file", " b"})),
        HasSubstr("line 6: a line follows the last line"));
    EXPECT_THAT(MustFail(kHeader + Lines({"@@ -1 +1 @@", " a", "\\ No newline at end of file",
                                          "@@ -3 +3 @@", " c"})),
                HasSubstr("line 6: a hunk follows the end"));
}

TEST(DiffParserErrorsTest, RejectsAGitHeaderWithAMinusLineButNoPlusLine) {
    EXPECT_THAT(MustFail(Lines({"diff --git a/f b/f", "--- a/f", "@@ -1 +1 @@"})),
                HasSubstr("line 2: a \"---\" line without a \"+++\" line"));
}

TEST(DiffParserErrorsTest, RejectsANewFileWhoseHunkKeepsOldLines) {
    EXPECT_THAT(MustFail(Lines({"diff --git a/f b/f", "new file mode 100644", "--- /dev/null",
                                "+++ b/f", "@@ -1 +1,2 @@", " a", "+b"})),
                HasSubstr("line 5: a hunk of a new file has old lines"));
}

TEST(DiffParserErrorsTest, RejectsAChangedLineOutsideAnyHunk) {
    EXPECT_THAT(MustFail(Lines({"diff --git a/f b/f", "index 1..2 100644", "+sneaky"})),
                HasSubstr("line 3: a changed line outside any hunk"));
}

TEST(DiffParserErrorsTest, RejectsMalformedQuotedNames) {
    EXPECT_THAT(MustFail(Lines({"--- \"a/unterminated", "+++ b/f", "@@ -1 +1 @@", "-a", "+b"})),
                HasSubstr("line 1: malformed file name"));
    EXPECT_THAT(MustFail(Lines({"diff --git a/x b/y", "rename from \"bad\\q\"", "rename to y"})),
                HasSubstr("line 2: malformed file name"));
}

TEST(DiffParserErrorsTest, RejectsANameThatIsOnlyAPrefix) {
    EXPECT_THAT(MustFail(Lines({"--- /dev/null", "+++ b/", "@@ -0,0 +1 @@", "+a"})),
                HasSubstr("line 1: malformed file name"));
    EXPECT_THAT(
        MustFail(Lines({"diff --git a/ b/", "--- a/", "+++ b/", "@@ -1 +1 @@", "-a", "+b"})),
        HasSubstr("line 1: cannot tell the file's name"));
}

TEST(DiffParserErrorsTest, MessagesNeverQuoteTheDiffsContent) {
    const std::string detail =
        MustFail(kHeader + Lines({"@@ -1,2 +1,2 @@", " token=ghp_secret", "junk ghp_secret"}));
    EXPECT_THAT(detail, ::testing::Not(HasSubstr("ghp_secret")));
}

TEST(ParsePatchTest, ReadsGitHubsPatchFieldWithTheEntrysNames) {
    auto file = ParsePatch(
        "src/new.cpp", FileStatus::kRenamed,
        "@@ -3,2 +3,3 @@ namespace x {\n a\n+b\n c\n\\ No newline at end of file", "src/old.cpp");
    ASSERT_TRUE(file) << file.error().detail;
    EXPECT_EQ(file->old_path, "src/old.cpp");
    EXPECT_EQ(file->new_path, "src/new.cpp");
    EXPECT_EQ(file->status, FileStatus::kRenamed);
    ASSERT_EQ(file->hunks.size(), 1u);
    EXPECT_EQ(file->hunks[0].section, "namespace x {");
    EXPECT_EQ(file->hunks[0].lines[1].new_line, 4);
    EXPECT_TRUE(file->hunks[0].lines[2].no_newline_at_end);
    EXPECT_EQ(file->additions, 1);
    EXPECT_EQ(file->deletions, 0);
}

TEST(ParsePatchTest, ReadsAnEmptyPatchAsAFileWithoutHunks) {
    auto file = ParsePatch("logo.png", FileStatus::kAdded, "");
    ASSERT_TRUE(file) << file.error().detail;
    EXPECT_EQ(file->old_path, "logo.png");
    EXPECT_TRUE(file->hunks.empty());
}

TEST(ParsePatchTest, RejectsTextAroundTheHunks) {
    auto before = ParsePatch("f", FileStatus::kModified, "hello\n@@ -1 +1 @@\n-a\n+b\n");
    ASSERT_FALSE(before);
    EXPECT_THAT(before.error().detail, HasSubstr("line 1: a patch must start with a hunk header"));
    auto after = ParsePatch("f", FileStatus::kModified, "@@ -1 +1 @@\n-a\n+b\ntrailing\n");
    ASSERT_FALSE(after);
    EXPECT_THAT(after.error().detail, HasSubstr("line 4: text after the last hunk"));
}

TEST(ParsePatchTest, RejectsAPatchWhoseCountsAreWrongForItsStatus) {
    auto deleted = ParsePatch("f", FileStatus::kDeleted, "@@ -1 +1 @@\n-a\n+b\n");
    ASSERT_FALSE(deleted);
    EXPECT_EQ(deleted.error().code, core::Errc::kInvalidInput);
    EXPECT_THAT(deleted.error().detail, HasSubstr("line 1: a hunk of a deleted file"));
}

}  // namespace
}  // namespace nectr::review

namespace nectr::review {
namespace {

// Found by the diff_parser fuzz target: a diff ending right after "similarity index 90" (no
// '%', no newline) read one byte past the end of the text. The text sits in a block of
// exactly its size so that AddressSanitizer sees such a read.
TEST(DiffParserErrorsTest, ASimilarityWithoutItsPercentSignAtTheVeryEndIsReadSafely) {
    const std::string text = "diff --git a/img.png b/img.png\nnew mode 100755\nsimilarity index 90";
    std::unique_ptr<char[]> block(new char[text.size()]);
    std::copy(text.begin(), text.end(), block.get());
    auto diff = ParseUnifiedDiff(std::string_view(block.get(), text.size()));
    ASSERT_TRUE(diff) << diff.error().detail;
    ASSERT_EQ(diff->files.size(), 1u);
    EXPECT_FALSE(diff->files[0].similarity) << "90 without '%' is not a similarity";
}

}  // namespace
}  // namespace nectr::review
