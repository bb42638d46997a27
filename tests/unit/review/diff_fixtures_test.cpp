// Real patches from a public project (tests/fixtures/diffs/README.md says where each is from).
// The expected counts were taken from the files with grep and awk, not from the parser.
#include <gtest/gtest.h>

#include <string>

#include "review/diff_anchor.hpp"
#include "review/diff_parser.hpp"
#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

using testing::MustParse;
using testing::ReadFixture;

struct Expected {
    std::string path;
    FileStatus status;
    std::size_t hunks;
    int additions;
    int deletions;
    bool binary = false;
};

void ExpectFiles(const Diff& diff, const std::vector<Expected>& expected) {
    ASSERT_EQ(diff.files.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const FileDiff& file = diff.files[i];
        SCOPED_TRACE(expected[i].path);
        EXPECT_EQ(file.Path(), expected[i].path);
        EXPECT_EQ(file.status, expected[i].status);
        EXPECT_EQ(file.hunks.size(), expected[i].hunks);
        EXPECT_EQ(file.additions, expected[i].additions);
        EXPECT_EQ(file.deletions, expected[i].deletions);
        EXPECT_EQ(file.binary, expected[i].binary);
    }
}

TEST(DiffFixturesTest, ReadsAMultiFilePatchWithBinaryFilesAndMissingNewlines) {
    const Diff diff = MustParse(ReadFixture("vcpkg-3fd-fix-cmake.patch"));
    using S = FileStatus;
    ExpectFiles(diff, {
                          {"3fd/broker/CMakeLists.txt", S::kModified, 1, 1, 1},
                          {"3fd/core/CMakeLists.txt", S::kModified, 2, 1, 3},
                          {"3fd/opencl/CMakeLists.txt", S::kModified, 1, 1, 1},
                          {"3fd/sqlite/CMakeLists.txt", S::kModified, 1, 1, 1},
                          {"3fd/utils/CMakeLists.txt", S::kModified, 1, 1, 1},
                          {"CMakeLists.txt", S::kModified, 2, 15, 4},
                          {"build/lib/3fd-broker.lib", S::kAdded, 0, 0, 0, true},
                          {"build/lib/3fd-core.lib", S::kAdded, 0, 0, 0, true},
                          {"build/lib/3fd-opencl.lib", S::kAdded, 0, 0, 0, true},
                          {"build/lib/3fd-sqlite.lib", S::kAdded, 0, 0, 0, true},
                          {"build/lib/3fd-utils.lib", S::kAdded, 0, 0, 0, true},
                      });
    EXPECT_EQ(diff.Additions(), 20);
    EXPECT_EQ(diff.Deletions(), 11);
    // The broker file's last line, " )", is unchanged and unterminated on both sides.
    const DiffLine& last = diff.files[0].hunks[0].lines.back();
    EXPECT_EQ(last.kind, LineKind::kContext);
    EXPECT_EQ(last.text, ")");
    EXPECT_EQ(last.old_line, 51);
    EXPECT_EQ(last.new_line, 51);
    EXPECT_TRUE(last.no_newline_at_end);
    EXPECT_EQ(diff.files[0].hunks[0].section, "add_library(3fd-broker STATIC");
}

TEST(DiffFixturesTest, ReadsAPatchWhoseSecondFileHasCrlfLines) {
    const std::string text = ReadFixture("vcpkg-aliyun-oss-dependency-and-targets.patch");
    ASSERT_NE(text.find("\r\n"), std::string::npos) << "the fixture lost its CRLF lines";
    const Diff diff = MustParse(text);
    ExpectFiles(diff, {
                          {"CMakeLists.txt", FileStatus::kModified, 1, 15, 32},
                          {"sdk/CMakeLists.txt", FileStatus::kModified, 3, 15, 3},
                      });
    const FileDiff& sdk = diff.files[1];
    EXPECT_EQ(LineText(sdk, 149, Side::kRight),
              "target_include_directories(${PROJECT_NAME}${STATIC_LIB_SUFFIX}")
        << "no CR in the text";
    const DiffLine& old_last = sdk.hunks[2].lines[sdk.hunks[2].lines.size() - 4];
    EXPECT_EQ(old_last.kind, LineKind::kRemoved);
    EXPECT_EQ(old_last.text, "endif()");
    EXPECT_EQ(old_last.old_line, 225);
    EXPECT_TRUE(old_last.no_newline_at_end);
    EXPECT_EQ(LineText(sdk, 237, Side::kRight), "include(0002-unofficial-export.cmake)");
}

TEST(DiffFixturesTest, ReadsBlankContextLinesThatLostTheirLeadingSpace) {
    const Diff diff = MustParse(ReadFixture("vcpkg-ace-tao-idl-rand-extension.patch"));
    ExpectFiles(diff, {{"TAO/TAO_IDL/be/be_codegen.cpp", FileStatus::kModified, 2, 11, 35}});
    const FileDiff& file = diff.files[0];
    EXPECT_EQ(file.hunks[0].section, "TAO_CodeGen::make_rand_extension (char * const t)");
    EXPECT_EQ(LineText(file, 3728, Side::kRight), "");
    EXPECT_EQ(LineText(file, 3728, Side::kLeft), "");
    EXPECT_EQ(LineText(file, 3787, Side::kLeft),
              "      this->gen_standard_include (this->ciao_conn_header_,");
    EXPECT_EQ(LineText(file, 3764, Side::kRight),
              "      this->gen_standard_include (this->ciao_conn_header_, *tmp);");
}

TEST(DiffFixturesTest, ReadsAMailedPatchWithItsPreambleAndSignature) {
    const Diff diff = MustParse(ReadFixture("vcpkg-abseil-missing-include-random.patch"));
    ExpectFiles(diff, {{"absl/algorithm/container.h", FileStatus::kModified, 1, 1, 0}});
    EXPECT_EQ(LineText(diff.files[0], 47, Side::kRight), "#include <random>");
    EXPECT_EQ(diff.files[0].old_mode, "100644");
}

TEST(DiffFixturesTest, ReadsAPlainDiffWithoutGitHeaders) {
    const Diff diff = MustParse(ReadFixture("vcpkg-3fd-rapidxml.patch"));
    ExpectFiles(diff, {{"3FD/xml.h", FileStatus::kModified, 1, 1, 1}});
    EXPECT_EQ(LineText(diff.files[0], 6, Side::kLeft), "#include <rapidxml.hpp>");
    EXPECT_EQ(LineText(diff.files[0], 6, Side::kRight), "#include <rapidxml/rapidxml.hpp>");
}

}  // namespace
}  // namespace nectr::review
