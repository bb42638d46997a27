// Parser behaviour beyond git's own format: CRLF, quoting, plain `diff -u`, mailed patches.
#include <gtest/gtest.h>

#include <string>

#include "review/diff_parser.hpp"
#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using testing::Lines;
using testing::MustParse;

void ExpectLine(const DiffLine& line, LineKind kind, std::optional<int> old_line,
                std::optional<int> new_line, std::string_view text) {
    EXPECT_EQ(line.kind, kind) << text;
    EXPECT_EQ(line.old_line, old_line) << text;
    EXPECT_EQ(line.new_line, new_line) << text;
    EXPECT_EQ(line.text, text);
}

TEST(DiffParserFormatsTest, StripsTheCarriageReturnOfFilesWithCrlfEndings) {
    const Diff diff = MustParse(
        "--- a/win.txt\n+++ b/win.txt\n@@ -1,3 +1,3 @@\n keep\r\n-old\r\n+new\r\n two\r\r\n"
        "\\ No newline at end of file\n");
    ASSERT_EQ(diff.files.size(), 1u);
    const auto& lines = diff.files[0].hunks[0].lines;
    EXPECT_EQ(lines[0].text, "keep");
    EXPECT_EQ(lines[1].text, "old");
    EXPECT_EQ(lines[2].text, "new");
    EXPECT_EQ(lines[3].text, "two") << "every trailing CR goes, so that text renders back stably";
    EXPECT_TRUE(lines[3].no_newline_at_end);
}

TEST(DiffParserFormatsTest, DecodesQuotedNames) {
    const Diff diff = MustParse(Lines({
        R"(diff --git "a/dir/tab\there.txt" "b/dir/tab\there.txt")",
        "index 1111111..2222222 100644",
        R"(--- "a/dir/tab\there.txt")",
        R"(+++ "b/dir/tab\there.txt")",
        "@@ -1 +1 @@",
        "-a",
        "+b",
        R"(diff --git a/caf "b/caf\303\251 \"menu\".txt")",
        "similarity index 100%",
        "rename from caf",
        R"(rename to "caf\303\251 \"menu\".txt")",
        "diff --git a/with space.txt b/with space.txt",
        "index 1111111..2222222 100644",
        "--- a/with space.txt\t",
        "+++ b/with space.txt\t",
        "@@ -1 +1 @@",
        "-a",
        "+b",
    }));
    ASSERT_EQ(diff.files.size(), 3u);
    EXPECT_EQ(diff.files[0].Path(), "dir/tab\there.txt");
    EXPECT_EQ(diff.files[1].old_path, "caf");
    EXPECT_EQ(diff.files[1].new_path, "caf\xc3\xa9 \"menu\".txt");
    EXPECT_EQ(diff.files[2].old_path, "with space.txt") << "git's trailing tab is no part of it";
    EXPECT_EQ(diff.files[2].new_path, "with space.txt");
}

TEST(DiffParserFormatsTest, ReadsPlainDiffsWithTimestampsAndSkipsTheirNoise) {
    const Diff diff = MustParse(Lines({
        "Only in new: extra.txt",
        "diff -u old/a.txt new/a.txt",
        "--- old/a.txt\t2024-05-01 10:00:00.000000000 +0200",
        "+++ new/a.txt\t2024-05-02 11:00:00.000000000 +0200",
        "@@ -2,2 +2,3 @@",
        " b",
        " c",
        "+d",
        "diff -ruN a/x.txt b/x.txt",
        "--- a/x.txt",
        "+++ b/x.txt",
        "@@ -1 +0,0 @@",
        "-x",
    }));
    ASSERT_EQ(diff.files.size(), 2u);
    EXPECT_EQ(diff.files[0].old_path, "old/a.txt") << "only a/ and b/ are prefixes";
    EXPECT_EQ(diff.files[0].new_path, "new/a.txt");
    EXPECT_EQ(diff.files[0].status, FileStatus::kModified);
    ExpectLine(diff.files[0].hunks[0].lines[2], LineKind::kAdded, std::nullopt, 4, "d");
    EXPECT_EQ(diff.files[1].Path(), "x.txt");
    EXPECT_EQ(diff.files[1].hunks[0].new_start, 0);
}

TEST(DiffParserFormatsTest, SkipsAMailedPatchPreambleAndSignature) {
    const Diff diff = MustParse(Lines({
        "From 1234 Mon Sep 17 00:00:00 2001",
        "Subject: [PATCH] fix",
        "",
        "--- a/looks-like-a-header-but-has-no-plus-line",
        "---",
        " a.txt | 1 +",
        "",
        "diff --git a/a.txt b/a.txt",
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1 +1,2 @@",
        " a",
        "+b",
        "-- ",
        "2.39.5",
    }));
    ASSERT_EQ(diff.files.size(), 1u);
    EXPECT_EQ(diff.files[0].additions, 1);
}

TEST(DiffParserFormatsTest, ReadsAnEmptyLineInAHunkAsAnEmptyContextLine) {
    const Diff diff = MustParse(Lines({
        "--- a/t.txt",
        "+++ b/t.txt",
        "@@ -1,3 +1,3 @@",
        " a",
        "",
        "-b",
        "+c",
    }));
    ASSERT_EQ(diff.files.size(), 1u);
    ExpectLine(diff.files[0].hunks[0].lines[1], LineKind::kContext, 2, 2, "");
}

TEST(DiffParserFormatsTest, ReadsEmptyTextAsAnEmptyDiff) {
    EXPECT_TRUE(MustParse("").files.empty());
    EXPECT_TRUE(MustParse("\n\n  \n").files.empty());
}

TEST(DiffParserFormatsTest, FindsFilesByNewOrOldPath) {
    const Diff diff = MustParse(Lines({
        "diff --git a/lib/util.c b/src/util.c",
        "similarity index 100%",
        "rename from lib/util.c",
        "rename to src/util.c",
    }));
    EXPECT_EQ(FindFile(diff, "src/util.c"), &diff.files[0]);
    EXPECT_EQ(FindFile(diff, "lib/util.c"), &diff.files[0]);
    EXPECT_EQ(FindFile(diff, "util.c"), nullptr);
}

TEST(DiffParserFormatsTest, NamesStatusesAsGitHubDoes) {
    for (FileStatus status : {FileStatus::kAdded, FileStatus::kDeleted, FileStatus::kModified,
                              FileStatus::kRenamed, FileStatus::kCopied}) {
        EXPECT_EQ(ParseFileStatus(FileStatusName(status)), status) << FileStatusName(status);
    }
    EXPECT_EQ(FileStatusName(FileStatus::kDeleted), "removed");
    EXPECT_EQ(ParseFileStatus("changed"), FileStatus::kModified);
    EXPECT_EQ(ParseFileStatus("deleted"), std::nullopt);
}

}  // namespace
}  // namespace nectr::review
