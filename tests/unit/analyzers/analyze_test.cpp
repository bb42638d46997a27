#include "analyzers/analyze.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::AnyFieldContains;
using testing::FakeSecrets;
using testing::FileWith;
using testing::RulesOf;

TEST(AnalyzeTest, RunsEveryAnalyzerAndOrdersByPathLineAndRule) {
    const std::vector<ChangedFile> files = {
        FileWith("src/z.py", {"print(x)", "eval(y)"}),
        FileWith("src/a.js", {"<<<<<<< HEAD", "=======", ">>>>>>> main", "console.log(1)"}),
    };
    const auto findings = Analyze(files);
    ASSERT_TRUE(std::is_sorted(findings.begin(), findings.end(), FindingBefore));
    EXPECT_EQ(RulesOf(findings),
              (std::vector<std::string>{"testing.missing-tests", "conflict.marker",
                                        "debug.console-log", "debug.print", "risky.eval"}));
    EXPECT_EQ(findings[0].path, "src/a.js");
    EXPECT_EQ(findings[0].line, 0);
}

TEST(AnalyzeTest, CanLeaveOutTheMissingTestsCheck) {
    AnalyzerOptions options;
    options.check_tests = false;
    EXPECT_TRUE(Analyze({FileWith("src/a.py", {"x = 1"})}, options).empty());
    EXPECT_EQ(RulesOf(Analyze({FileWith("src/a.py", {"x = 1"})})),
              std::vector<std::string>{"testing.missing-tests"});
}

TEST(AnalyzeTest, SkipsDeletedFiles) {
    ChangedFile deleted = FileWith("src/a.py", {"eval(x)"});
    deleted.deleted = true;
    EXPECT_TRUE(Analyze({deleted}).empty());
}

TEST(AnalyzeTest, CapsTheFindingsOfOneRuleInOneFileAndSaysHowManyWereLeft) {
    std::vector<std::string> lines(25, "    print(x)");
    lines.push_back("eval(x)");
    AnalyzerOptions options;
    options.check_tests = false;
    options.max_findings_per_rule = 10;
    const auto findings = Analyze({FileWith("src/a.py", lines)}, options);
    const auto prints = std::count_if(findings.begin(), findings.end(),
                                      [](const Finding& f) { return f.rule == "debug.print"; });
    EXPECT_EQ(prints, 10);
    EXPECT_EQ(findings.back().rule, "risky.eval") << "other rules are not crowded out";
    EXPECT_EQ(findings[9].line, 10);
    EXPECT_NE(findings[9].message.find("15 more"), std::string::npos) << findings[9].message;
    EXPECT_EQ(findings[8].message.find("more"), std::string::npos);
}

TEST(AnalyzeTest, NoOutputRepeatsASecretFromAnyFile) {
    std::vector<ChangedFile> files;
    for (const auto& secret : FakeSecrets()) {
        files.push_back(FileWith("config/" + secret.rule + ".env", {"TOKEN=" + secret.value}));
        files.push_back(FileWith("docs/" + secret.rule + ".md", {"`" + secret.value + "`"}));
    }
    const auto findings = Analyze(files);
    EXPECT_EQ(findings.size(), files.size());
    for (const auto& secret : FakeSecrets()) {
        for (const Finding& finding : findings) {
            EXPECT_FALSE(AnyFieldContains(finding, secret.value)) << finding.rule;
        }
    }
}

TEST(AnalyzeTest, HandlesAMegabyteLineInEveryLanguage) {
    const std::string near_misses = [] {
        std::string text;
        while (text.size() < (1u << 20)) {
            text += "eval(x) \"SELECT a FROM b\" + ' <<<<<<< password=\"xxxxxxxxxx\" ";
        }
        return text;
    }();
    const std::string plain(1u << 20, 'a');
    std::vector<ChangedFile> files;
    for (const char* path : {"a.py", "a.js", "a.go", "a.c", "a.rs", "a.php", "a.md", ".env"}) {
        files.push_back(FileWith(path, {near_misses, plain, "ok"}));
    }
    const auto findings = Analyze(files);
    EXPECT_TRUE(std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.rule == "risky.eval";
    })) << "rules still match on a huge line";
    for (const Finding& finding : findings) {
        EXPECT_LT(finding.message.size(), 1000u) << "no message quotes the line";
    }
}

}  // namespace
}  // namespace nectr::analyzers
