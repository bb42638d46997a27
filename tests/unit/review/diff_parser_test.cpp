#include "review/diff_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using testing::Lines;
using testing::MustParse;

using Kind = LineKind;

void ExpectLine(const DiffLine& line, Kind kind, std::optional<int> old_line,
                std::optional<int> new_line, std::string_view text) {
    EXPECT_EQ(line.kind, kind) << text;
    EXPECT_EQ(line.old_line, old_line) << text;
    EXPECT_EQ(line.new_line, new_line) << text;
    EXPECT_EQ(line.text, text);
}

const std::string kTwoHunks = Lines({
    "diff --git a/src/app.cpp b/src/app.cpp",
    "index 3b18e51..a9c2f10 100644",
    "--- a/src/app.cpp",
    "+++ b/src/app.cpp",
    "@@ -1,4 +1,5 @@",
    " #include <string>",
    "+#include <vector>",
    " ",
    " int Main() {",
    "     return 0;",
    "@@ -20,5 +21,4 @@ void Run(int argc) {",
    "     int a = 1;",
    "-    int b = 2;",
    "-    int c = 3;",
    "+    int b = 3;",
    "     Call(a);",
    "     Done();",
});

TEST(DiffParserTest, NumbersEveryLineOfEveryHunkOnBothSides) {
    const Diff diff = MustParse(kTwoHunks);
    ASSERT_EQ(diff.files.size(), 1u);
    const FileDiff& file = diff.files[0];
    EXPECT_EQ(file.old_path, "src/app.cpp");
    EXPECT_EQ(file.new_path, "src/app.cpp");
    EXPECT_EQ(file.Path(), "src/app.cpp");
    EXPECT_EQ(file.status, FileStatus::kModified);
    EXPECT_EQ(file.old_mode, "100644");
    EXPECT_EQ(file.new_mode, "100644");
    EXPECT_FALSE(file.binary);
    ASSERT_EQ(file.hunks.size(), 2u);

    const Hunk& first = file.hunks[0];
    EXPECT_EQ(first.old_start, 1);
    EXPECT_EQ(first.old_count, 4);
    EXPECT_EQ(first.new_start, 1);
    EXPECT_EQ(first.new_count, 5);
    EXPECT_EQ(first.section, "");
    ASSERT_EQ(first.lines.size(), 5u);
    ExpectLine(first.lines[0], Kind::kContext, 1, 1, "#include <string>");
    ExpectLine(first.lines[1], Kind::kAdded, std::nullopt, 2, "#include <vector>");
    ExpectLine(first.lines[2], Kind::kContext, 2, 3, "");
    ExpectLine(first.lines[3], Kind::kContext, 3, 4, "int Main() {");
    ExpectLine(first.lines[4], Kind::kContext, 4, 5, "    return 0;");

    const Hunk& second = file.hunks[1];
    EXPECT_EQ(second.section, "void Run(int argc) {");
    ASSERT_EQ(second.lines.size(), 6u);
    ExpectLine(second.lines[0], Kind::kContext, 20, 21, "    int a = 1;");
    ExpectLine(second.lines[1], Kind::kRemoved, 21, std::nullopt, "    int b = 2;");
    ExpectLine(second.lines[2], Kind::kRemoved, 22, std::nullopt, "    int c = 3;");
    ExpectLine(second.lines[3], Kind::kAdded, std::nullopt, 22, "    int b = 3;");
    ExpectLine(second.lines[4], Kind::kContext, 23, 23, "    Call(a);");
    ExpectLine(second.lines[5], Kind::kContext, 24, 24, "    Done();");

    EXPECT_EQ(file.additions, 2);
    EXPECT_EQ(file.deletions, 2);
    EXPECT_EQ(diff.Additions(), 2);
    EXPECT_EQ(diff.Deletions(), 2);
}

TEST(DiffParserTest, ReadsAPureRenameWithSpacesInTheNames) {
    const Diff diff = MustParse(Lines({
        "diff --git a/docs/old name.md b/docs/new name.md",
        "similarity index 100%",
        "rename from docs/old name.md",
        "rename to docs/new name.md",
    }));
    ASSERT_EQ(diff.files.size(), 1u);
    const FileDiff& file = diff.files[0];
    EXPECT_EQ(file.status, FileStatus::kRenamed);
    EXPECT_EQ(file.old_path, "docs/old name.md");
    EXPECT_EQ(file.new_path, "docs/new name.md");
    EXPECT_EQ(file.similarity, 100);
    EXPECT_TRUE(file.hunks.empty());
    EXPECT_EQ(file.additions + file.deletions, 0);
}

TEST(DiffParserTest, ReadsARenameWithChangedContent) {
    const Diff diff = MustParse(Lines({
        "diff --git a/lib/util.c b/src/util.c",
        "similarity index 87%",
        "rename from lib/util.c",
        "rename to src/util.c",
        "index 1111111..2222222 100644",
        "--- a/lib/util.c",
        "+++ b/src/util.c",
        "@@ -10,3 +10,3 @@ int helper(void)",
        " a",
        "-b",
        "+B",
        " c",
    }));
    ASSERT_EQ(diff.files.size(), 1u);
    const FileDiff& file = diff.files[0];
    EXPECT_EQ(file.status, FileStatus::kRenamed);
    EXPECT_EQ(file.old_path, "lib/util.c");
    EXPECT_EQ(file.new_path, "src/util.c");
    EXPECT_EQ(file.Path(), "src/util.c");
    EXPECT_EQ(file.similarity, 87);
    ASSERT_EQ(file.hunks.size(), 1u);
    ExpectLine(file.hunks[0].lines[1], Kind::kRemoved, 11, std::nullopt, "b");
    ExpectLine(file.hunks[0].lines[2], Kind::kAdded, std::nullopt, 11, "B");
}

TEST(DiffParserTest, ReadsACopy) {
    const Diff diff = MustParse(Lines({
        "diff --git a/a.txt b/b.txt",
        "similarity index 75%",
        "copy from a.txt",
        "copy to b.txt",
        "index 1111111..2222222 100644",
        "--- a/a.txt",
        "+++ b/b.txt",
        "@@ -1,2 +1,2 @@",
        "-one",
        "+uno",
        " two",
    }));
    ASSERT_EQ(diff.files.size(), 1u);
    EXPECT_EQ(diff.files[0].status, FileStatus::kCopied);
    EXPECT_EQ(diff.files[0].old_path, "a.txt");
    EXPECT_EQ(diff.files[0].new_path, "b.txt");
    EXPECT_EQ(diff.files[0].similarity, 75);
    EXPECT_EQ(diff.files[0].additions, 1);
    EXPECT_EQ(diff.files[0].deletions, 1);
}

TEST(DiffParserTest, ReadsModeChangesWithAndWithoutContent) {
    const Diff diff = MustParse(Lines({
        "diff --git a/run.sh b/run.sh",
        "old mode 100644",
        "new mode 100755",
        "diff --git a/tool.sh b/tool.sh",
        "old mode 100755",
        "new mode 100644",
        "index 1111111..2222222",
        "--- a/tool.sh",
        "+++ b/tool.sh",
        "@@ -1 +1 @@",
        "-echo hi",
        "+echo hello",
    }));
    ASSERT_EQ(diff.files.size(), 2u);
    EXPECT_EQ(diff.files[0].status, FileStatus::kModified);
    EXPECT_EQ(diff.files[0].old_mode, "100644");
    EXPECT_EQ(diff.files[0].new_mode, "100755");
    EXPECT_TRUE(diff.files[0].hunks.empty());
    EXPECT_EQ(diff.files[1].old_mode, "100755");
    EXPECT_EQ(diff.files[1].new_mode, "100644");
    ASSERT_EQ(diff.files[1].hunks.size(), 1u);
    EXPECT_EQ(diff.files[1].hunks[0].old_count, 1) << "a missing count means one line";
    EXPECT_EQ(diff.files[1].hunks[0].new_count, 1);
}

TEST(DiffParserTest, ReadsBothFormsOfBinaryFilesAndTheFileAfterThem) {
    const Diff diff = MustParse(Lines({
        "diff --git a/img/logo.png b/img/logo.png",
        "index 1111111..2222222 100644",
        "Binary files a/img/logo.png and b/img/logo.png differ",
        "diff --git a/img/new.png b/img/new.png",
        "new file mode 100644",
        "index 0000000000000000000000000000000000000000..d00491fd7e5bb6fa28c517a0bb32b8b506539d4d",
        "GIT binary patch",
        "literal 1",
        "IcmZPo000310RR91",
        "",
        "literal 0",
        "HcmV?d00001",
        "",
        "diff --git a/notes.txt b/notes.txt",
        "index 1111111..2222222 100644",
        "--- a/notes.txt",
        "+++ b/notes.txt",
        "@@ -1 +1,2 @@",
        " keep",
        "+added",
    }));
    ASSERT_EQ(diff.files.size(), 3u);
    EXPECT_TRUE(diff.files[0].binary);
    EXPECT_EQ(diff.files[0].status, FileStatus::kModified);
    EXPECT_EQ(diff.files[0].Path(), "img/logo.png");
    EXPECT_TRUE(diff.files[1].binary);
    EXPECT_EQ(diff.files[1].status, FileStatus::kAdded);
    EXPECT_EQ(diff.files[1].Path(), "img/new.png");
    EXPECT_TRUE(diff.files[1].hunks.empty());
    EXPECT_FALSE(diff.files[2].binary);
    EXPECT_EQ(diff.files[2].additions, 1);
}

TEST(DiffParserTest, MarksTheLineThatHasNoNewlineOnEitherSide) {
    const Diff diff = MustParse(Lines({
        "diff --git a/old.txt b/old.txt",
        "--- a/old.txt",
        "+++ b/old.txt",
        "@@ -1,2 +1,2 @@",
        " a",
        "-b",
        "\\ No newline at end of file",
        "+b",
        "diff --git a/new.txt b/new.txt",
        "--- a/new.txt",
        "+++ b/new.txt",
        "@@ -1,2 +1,2 @@",
        " a",
        "-b",
        "+c",
        "\\ No newline at end of file",
        "diff --git a/both.txt b/both.txt",
        "--- a/both.txt",
        "+++ b/both.txt",
        "@@ -1,2 +1,2 @@",
        "-a",
        "+A",
        " b",
        "\\ No newline at end of file",
    }));
    ASSERT_EQ(diff.files.size(), 3u);
    const auto& old_side = diff.files[0].hunks[0].lines;
    ASSERT_EQ(old_side.size(), 3u);
    EXPECT_TRUE(old_side[1].no_newline_at_end) << "the removed last line had no newline";
    EXPECT_FALSE(old_side[2].no_newline_at_end) << "the added line has one";
    EXPECT_EQ(old_side[2].text, "b");

    const auto& new_side = diff.files[1].hunks[0].lines;
    EXPECT_FALSE(new_side[1].no_newline_at_end);
    EXPECT_TRUE(new_side[2].no_newline_at_end);

    const auto& both = diff.files[2].hunks[0].lines;
    ASSERT_EQ(both.size(), 3u);
    EXPECT_EQ(both[2].kind, Kind::kContext);
    EXPECT_TRUE(both[2].no_newline_at_end);
    EXPECT_EQ(both[2].old_line, 2);
    EXPECT_EQ(both[2].new_line, 2);
}

TEST(DiffParserTest, ReadsEmptyNewAndDeletedFilesAsFilesWithoutHunks) {
    const Diff diff = MustParse(Lines({
        "diff --git a/empty.txt b/empty.txt",
        "new file mode 100644",
        "index 0000000..e69de29",
        "diff --git a/gone.txt b/gone.txt",
        "deleted file mode 100755",
        "index e69de29..0000000",
    }));
    ASSERT_EQ(diff.files.size(), 2u);
    EXPECT_EQ(diff.files[0].status, FileStatus::kAdded);
    EXPECT_EQ(diff.files[0].old_path, "empty.txt");
    EXPECT_EQ(diff.files[0].new_path, "empty.txt");
    EXPECT_EQ(diff.files[0].new_mode, "100644");
    EXPECT_FALSE(diff.files[0].old_mode.has_value());
    EXPECT_TRUE(diff.files[0].hunks.empty());
    EXPECT_EQ(diff.files[1].status, FileStatus::kDeleted);
    EXPECT_EQ(diff.files[1].Path(), "gone.txt");
    EXPECT_EQ(diff.files[1].old_mode, "100755");
    EXPECT_TRUE(diff.files[1].hunks.empty());
}

TEST(DiffParserTest, ReadsNewAndDeletedFilesAgainstDevNull) {
    const Diff diff = MustParse(Lines({
        "diff --git a/added.txt b/added.txt",
        "new file mode 100644",
        "index 0000000..1111111",
        "--- /dev/null",
        "+++ b/added.txt",
        "@@ -0,0 +1,2 @@",
        "+one",
        "+two",
        "diff --git a/removed.txt b/removed.txt",
        "deleted file mode 100644",
        "index 1111111..0000000",
        "--- a/removed.txt",
        "+++ /dev/null",
        "@@ -1,3 +0,0 @@",
        "-x",
        "-y",
        "-z",
    }));
    ASSERT_EQ(diff.files.size(), 2u);
    const FileDiff& added = diff.files[0];
    EXPECT_EQ(added.status, FileStatus::kAdded);
    EXPECT_EQ(added.old_path, "added.txt") << "never /dev/null";
    EXPECT_EQ(added.additions, 2);
    ExpectLine(added.hunks[0].lines[1], Kind::kAdded, std::nullopt, 2, "two");
    const FileDiff& removed = diff.files[1];
    EXPECT_EQ(removed.status, FileStatus::kDeleted);
    EXPECT_EQ(removed.new_path, "removed.txt") << "never /dev/null";
    EXPECT_EQ(removed.Path(), "removed.txt");
    EXPECT_EQ(removed.deletions, 3);
    ExpectLine(removed.hunks[0].lines[2], Kind::kRemoved, 3, std::nullopt, "z");
}

TEST(DiffParserTest, ACrlfDiffParsesExactlyLikeTheSameDiffWithLf) {
    std::string crlf;
    for (char c : kTwoHunks) {
        if (c == '\n') {
            crlf += '\r';
        }
        crlf += c;
    }
    EXPECT_EQ(MustParse(crlf), MustParse(kTwoHunks));
}

}  // namespace
}  // namespace nectr::review
