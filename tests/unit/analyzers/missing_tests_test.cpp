#include "analyzers/missing_tests.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::FileWith;

TEST(MissingTestsTest, ReportsSourceChangesWithoutTestsOnceListingTheFiles) {
    const auto finding =
        FindMissingTests({FileWith("src/b.py", {"x = 1"}), FileWith("src/a.go", {"x := 1"}),
                          FileWith("README.md", {"docs"})},
                         5);
    ASSERT_TRUE(finding.has_value());
    EXPECT_EQ(finding->rule, "testing.missing-tests");
    EXPECT_EQ(finding->category, "testing");
    EXPECT_EQ(finding->line, 0);
    EXPECT_EQ(finding->path, "src/a.go") << "placed on the first source file";
    EXPECT_NE(finding->message.find("src/a.go, src/b.py"), std::string::npos) << finding->message;
    EXPECT_EQ(finding->message.find("README.md"), std::string::npos) << finding->message;
}

TEST(MissingTestsTest, ListsAtMostTheLimitAndCountsTheRest) {
    std::vector<ChangedFile> files;
    for (char c = 'a'; c <= 'g'; ++c) {
        files.push_back(FileWith(std::string("src/") + c + ".ts", {"x"}));
    }
    const auto finding = FindMissingTests(files, 3);
    ASSERT_TRUE(finding.has_value());
    EXPECT_NE(finding->message.find("src/a.ts, src/b.ts, src/c.ts and 4 more"), std::string::npos)
        << finding->message;
    EXPECT_EQ(finding->message.find("src/d.ts"), std::string::npos);
}

TEST(MissingTestsTest, IsQuietWhenAnyTestChanged) {
    for (const std::string test_path :
         {"tests/unit/parser_test.cpp", "pkg/a/a_test.go", "web/src/App.test.tsx",
          "src/test/java/FooTest.java", "tests/test_views.py", "spec/user_spec.rb"}) {
        EXPECT_FALSE(FindMissingTests({FileWith("src/a.py", {"x"}), FileWith(test_path, {"t"})}, 5))
            << test_path;
    }
}

TEST(MissingTestsTest, DocsConfigScriptsAndDeletionsAreNotSourceChanges) {
    ChangedFile deleted = FileWith("src/old.py", {});
    deleted.deleted = true;
    deleted.deletions = 40;
    ChangedFile only_removed = FileWith("src/trim.py", {});
    only_removed.deletions = 3;
    EXPECT_FALSE(
        FindMissingTests({FileWith("README.md", {"x"}), FileWith(".github/workflows/ci.yml", {"x"}),
                          FileWith("package.json", {"x"}), FileWith("scripts/a.sh", {"x"}),
                          FileWith("Dockerfile", {"x"}), deleted, only_removed},
                         5));
    EXPECT_FALSE(FindMissingTests({}, 5));
}

TEST(MissingTestsTest, ABinaryFileInATestFolderDoesNotCountAsATest) {
    ChangedFile image = FileWith("tests/fixtures/logo.png", {});
    image.binary = true;
    image.additions = 1;
    EXPECT_TRUE(FindMissingTests({FileWith("src/a.py", {"x"}), image}, 5));
}

}  // namespace
}  // namespace nectr::analyzers
