#include "analyzers/large_files.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::FileWith;
using testing::RulesOf;

TEST(LargeFilesTest, ReportsAFileThatAddsTooManyLines) {
    ChangedFile file = FileWith("src/big.py", {"x = 1"});
    file.additions = 1001;
    std::vector<Finding> findings;
    FindLargeFiles(file, 1000, 1 << 20, findings);
    ASSERT_EQ(RulesOf(findings), std::vector<std::string>{"large.added-lines"});
    EXPECT_EQ(findings[0].line, 0) << "a file-level finding";
    EXPECT_NE(findings[0].message.find("1001"), std::string::npos) << findings[0].message;

    file.additions = 1000;
    findings.clear();
    FindLargeFiles(file, 1000, 1 << 20, findings);
    EXPECT_TRUE(findings.empty()) << "the limit itself is allowed";
}

TEST(LargeFilesTest, CountsAddedLinesWhenTheDiffCountIsMissing) {
    ChangedFile file = FileWith("src/big.py", std::vector<std::string>(11, "x"));
    file.additions = 0;
    std::vector<Finding> findings;
    FindLargeFiles(file, 10, 1 << 20, findings);
    EXPECT_EQ(RulesOf(findings), std::vector<std::string>{"large.added-lines"});
}

TEST(LargeFilesTest, ReportsAHugeFileAndRatesBinariesHigher) {
    ChangedFile file = FileWith("assets/video.mp4", {});
    file.binary = true;
    file.new_size_bytes = 50u << 20;
    std::vector<Finding> findings;
    FindLargeFiles(file, 1000, 1 << 20, findings);
    ASSERT_EQ(RulesOf(findings), std::vector<std::string>{"large.file-size"});
    EXPECT_EQ(findings[0].severity, Severity::kMedium);
    EXPECT_NE(findings[0].message.find("50.0 MiB"), std::string::npos) << findings[0].message;

    file.binary = false;
    findings.clear();
    FindLargeFiles(file, 1000, 1 << 20, findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].severity, Severity::kLow);
}

TEST(LargeFilesTest, IgnoresSmallDeletedAndUnknownSizes) {
    ChangedFile file = FileWith("src/a.py", {"x"});
    std::vector<Finding> findings;
    FindLargeFiles(file, 1000, 1 << 20, findings);
    file.new_size_bytes = 1 << 20;
    FindLargeFiles(file, 1000, 1 << 20, findings);
    ChangedFile deleted = FileWith("src/b.py", {});
    deleted.deleted = true;
    deleted.additions = 5000;
    deleted.new_size_bytes = 10u << 20;
    FindLargeFiles(deleted, 1000, 1 << 20, findings);
    EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace nectr::analyzers
