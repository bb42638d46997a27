#include "analyzers/finding.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace nectr::analyzers {
namespace {

TEST(SeverityTest, IsOrderedFromInfoToCritical) {
    EXPECT_LT(Severity::kInfo, Severity::kLow);
    EXPECT_LT(Severity::kLow, Severity::kMedium);
    EXPECT_LT(Severity::kMedium, Severity::kHigh);
    EXPECT_LT(Severity::kHigh, Severity::kCritical);
}

TEST(SeverityTest, NamesRoundTripThroughParse) {
    for (Severity severity : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh,
                              Severity::kCritical}) {
        EXPECT_EQ(ParseSeverity(SeverityName(severity)), severity) << SeverityName(severity);
    }
    EXPECT_EQ(SeverityName(Severity::kInfo), "info");
    EXPECT_EQ(SeverityName(Severity::kCritical), "critical");
}

TEST(SeverityTest, ParseIgnoresCaseAndRejectsAnythingElse) {
    EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
    EXPECT_EQ(ParseSeverity("Medium"), Severity::kMedium);
    EXPECT_EQ(ParseSeverity(""), std::nullopt);
    EXPECT_EQ(ParseSeverity("warning"), std::nullopt);
    EXPECT_EQ(ParseSeverity("high "), std::nullopt);
}

TEST(FindingBeforeTest, OrdersByPathThenLineThenRule) {
    std::vector<Finding> findings = {
        {"b.rule", "security", Severity::kLow, "b.py", 1, "m"},
        {"z.rule", "security", Severity::kLow, "a.py", 7, "m"},
        {"a.rule", "security", Severity::kLow, "a.py", 7, "m"},
        {"a.rule", "security", Severity::kLow, "a.py", 0, "m"},
    };
    std::sort(findings.begin(), findings.end(), FindingBefore);
    EXPECT_EQ(findings[0].line, 0);
    EXPECT_EQ(findings[1].rule, "a.rule");
    EXPECT_EQ(findings[2].rule, "z.rule");
    EXPECT_EQ(findings[3].path, "b.py");
}

}  // namespace
}  // namespace nectr::analyzers
