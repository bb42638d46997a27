// Merging model and analyzer output, packing into parts, and composing the GitHub review.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "review/diff_parser.hpp"
#include "review/github_review.hpp"
#include "review/merge.hpp"
#include "review/packing.hpp"
#include "review/report_format.hpp"

namespace nectr::review {
namespace {

constexpr const char* kDiff =
    "diff --git a/src/app.py b/src/app.py\n"
    "--- a/src/app.py\n"
    "+++ b/src/app.py\n"
    "@@ -1,4 +1,5 @@\n"
    " import os\n"
    "-x = 1\n"
    "+x = 2\n"
    "+y = eval(input())\n"
    " def f():\n"
    "     return x\n"
    "@@ -20,3 +21,3 @@ def g():\n"
    " a = 1\n"
    "-b = 2\n"
    "+b = 3\n"
    " c = 4\n";

Diff ParsedDiff() {
    auto diff = ParseUnifiedDiff(kDiff);
    EXPECT_TRUE(diff) << diff.error().detail;
    return *diff;
}

ReviewComment Comment(std::string path, int line, analyzers::Severity severity,
                      std::string body = "b") {
    ReviewComment comment;
    comment.path = std::move(path);
    comment.line = line;
    comment.severity = severity;
    comment.category = "correctness";
    comment.body = std::move(body);
    return comment;
}

TEST(MergeTest, TheMostSevereVerdictWinsAndDuplicatesGo) {
    ReviewOutput a;
    a.summary = "first";
    a.verdict = Verdict::kApprove;
    a.comments = {Comment("x", 1, analyzers::Severity::kLow, "same")};
    ReviewOutput b;
    b.summary = "second";
    b.verdict = Verdict::kRequestChanges;
    b.comments = {Comment("x", 1, analyzers::Severity::kLow, "same"),
                  Comment("y", 2, analyzers::Severity::kHigh)};
    auto merged = MergePartOutputs({a, b});
    EXPECT_EQ(merged.verdict, Verdict::kRequestChanges);
    EXPECT_EQ(merged.comments.size(), 2u);
    EXPECT_NE(merged.summary.find("first"), std::string::npos);
    EXPECT_NE(merged.summary.find("second"), std::string::npos);
}

TEST(MergeTest, AnalyzerFindingsBecomeCommentsUnlessTheModelSaidIt) {
    ReviewOutput output;
    output.comments = {Comment("src/app.py", 3, analyzers::Severity::kHigh)};
    std::vector<analyzers::Finding> findings = {
        {"risky.eval", "security", analyzers::Severity::kHigh, "src/app.py", 3, "eval"},
        {"debug.print", "maintainability", analyzers::Severity::kLow, "src/app.py", 22, "print"},
        {"tests.missing", "testing", analyzers::Severity::kLow, "src/app.py", 0, "no tests"}};
    AddAnalyzerComments(output, findings);
    ASSERT_EQ(output.comments.size(), 2u);
    EXPECT_EQ(output.comments[1].line, 22);
    EXPECT_EQ(output.comments[1].source, "analyzer:debug.print");
}

TEST(MergeTest, LimitKeepsTheMostSevere) {
    ReviewOutput output;
    output.comments = {Comment("a", 1, analyzers::Severity::kLow),
                       Comment("a", 2, analyzers::Severity::kCritical),
                       Comment("a", 3, analyzers::Severity::kMedium)};
    LimitComments(output, 2);
    ASSERT_EQ(output.comments.size(), 2u);
    EXPECT_EQ(output.comments[0].line, 2);
    EXPECT_EQ(output.comments[1].line, 3);
    EXPECT_EQ(output.repairs.size(), 1u);
}

TEST(MergeTest, RepeatedCommentsOfAnEarlierReviewAreDropped) {
    ReviewOutput output;
    output.comments = {Comment("a", 10, analyzers::Severity::kLow, "same"),
                       Comment("a", 40, analyzers::Severity::kLow, "new")};
    DropRepeatedComments(output, {{"a", 11, "style", "same"}});
    ASSERT_EQ(output.comments.size(), 1u);
    EXPECT_EQ(output.comments[0].body, "new");
}

TEST(MergeTest, OfflineVerdictNeverApproves) {
    EXPECT_EQ(OfflineVerdict({}), Verdict::kNeedsDiscussion);
    EXPECT_EQ(OfflineVerdict({{"r", "security", analyzers::Severity::kCritical, "p", 1, "m"}}),
              Verdict::kRequestChanges);
}

TEST(PackingTest, SmallChangesFitOnePartWithFullContent) {
    Diff diff = ParsedDiff();
    auto plan = PackIntoParts(diff.files, {{"src/app.py", "import os\nx = 2\n"}});
    ASSERT_EQ(plan.parts.size(), 1u);
    ASSERT_EQ(plan.parts[0].files.size(), 1u);
    EXPECT_NE(plan.parts[0].files[0].diff_text.find("+y = eval(input())"), std::string::npos);
    EXPECT_EQ(plan.parts[0].files[0].full_content, "import os\nx = 2\n");
    EXPECT_TRUE(plan.not_covered.empty());
}

TEST(PackingTest, AHugeChangeIsSplitIntoPartsWithinTheBudget) {
    std::string text;
    for (int f = 0; f < 40; ++f) {
        text += "diff --git a/f" + std::to_string(f) + ".c b/f" + std::to_string(f) + ".c\n";
        text += "--- a/f" + std::to_string(f) + ".c\n+++ b/f" + std::to_string(f) + ".c\n";
        text += "@@ -1,0 +1,300 @@\n";
        for (int i = 0; i < 300; ++i) {
            text += "+int value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ");\n";
        }
    }
    auto diff = ParseUnifiedDiff(text);
    ASSERT_TRUE(diff) << diff.error().detail;
    EXPECT_EQ(diff->Additions(), 12000);
    PackingOptions options;
    options.part_token_budget = 20000;
    options.max_parts = 50;
    auto plan = PackIntoParts(diff->files, {}, options);
    EXPECT_GT(plan.parts.size(), 1u);
    std::size_t lines = 0;
    for (const auto& part : plan.parts) {
        EXPECT_LE(part.tokens, options.part_token_budget);
        for (const auto& file : part.files) {
            for (std::size_t at = file.diff_text.find("\n+int"); at != std::string::npos;
                 at = file.diff_text.find("\n+int", at + 1)) {
                ++lines;
            }
        }
    }
    EXPECT_EQ(lines, 12000u);  // every added line is in exactly one part
    EXPECT_TRUE(plan.not_covered.empty());
}

TEST(PackingTest, BeyondTheLastPartFilesAreNamedAsNotCovered) {
    std::string text;
    for (int f = 0; f < 6; ++f) {
        text += "--- a/g" + std::to_string(f) + ".c\n+++ b/g" + std::to_string(f) + ".c\n";
        text += "@@ -1,0 +1,100 @@\n";
        for (int i = 0; i < 100; ++i) {
            text += "+line " + std::to_string(i) + " of a file that is long enough\n";
        }
    }
    auto diff = ParseUnifiedDiff(text);
    ASSERT_TRUE(diff) << diff.error().detail;
    PackingOptions options;
    options.part_token_budget = 1200;
    options.max_parts = 2;
    auto plan = PackIntoParts(diff->files, {}, options);
    EXPECT_EQ(plan.parts.size(), 2u);
    EXPECT_FALSE(plan.not_covered.empty());
}

TEST(PackingTest, SourceRanksAboveDocsAndTests) {
    auto diff = ParseUnifiedDiff(
        "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-a\n+b\n"
        "--- a/tests/x_test.py\n+++ b/tests/x_test.py\n@@ -1 +1 @@\n-a\n+b\n"
        "--- a/src/auth.py\n+++ b/src/auth.py\n@@ -1 +1 @@\n-a\n+b\n");
    ASSERT_TRUE(diff) << diff.error().detail;
    auto plan = PackIntoParts(diff->files, {});
    ASSERT_EQ(plan.parts.size(), 1u);
    ASSERT_EQ(plan.parts[0].files.size(), 3u);
    EXPECT_EQ(plan.parts[0].files[0].path, "src/auth.py");
    EXPECT_EQ(plan.parts[0].files[2].path, "README.md");
}

ReviewReport SampleReport() {
    ReviewReport report;
    report.subject = "octo/repo#7";
    report.head_sha = "abc123";
    report.used_model = true;
    report.model = "anthropic/claude";
    report.output.summary = "Adds eval.";
    report.output.verdict = Verdict::kRequestChanges;
    auto in_diff = Comment("src/app.py", 3, analyzers::Severity::kCritical, "Do not eval input.");
    in_diff.category = "security";
    in_diff.suggestion = "y = int(input())";
    auto outside = Comment("src/app.py", 15, analyzers::Severity::kMedium, "Unrelated concern.");
    auto removed = Comment("src/app.py", 2, analyzers::Severity::kLow, "Why remove x = 1?");
    removed.side = Side::kLeft;
    report.output.comments = {in_diff, outside, removed};
    report.findings = {{"tests.missing", "testing", analyzers::Severity::kLow, "src/app.py", 0,
                        "source changed without tests"}};
    report.skipped = {{"package-lock.json", "lockfile"}};
    return report;
}

TEST(GitHubReviewTest, InlineOnlyOnDiffLinesTheRestInTheBody) {
    Diff diff = ParsedDiff();
    RepoConfig config;
    auto review =
        ComposeGitHubReview(SampleReport(), diff.files, config, {ReviewMarker("abc123"), ""});
    ASSERT_EQ(review.comments.size(), 2u);
    EXPECT_EQ(review.posted_inline, (std::vector<bool>{true, false, true}));
    EXPECT_EQ(review.comments[0].line, 3);
    EXPECT_EQ(review.comments[0].side, Side::kRight);
    EXPECT_NE(review.comments[0].body.find("```suggestion\ny = int(input())\n```"),
              std::string::npos);
    EXPECT_EQ(review.comments[1].side, Side::kLeft);
    EXPECT_EQ(review.comments[1].line, 2);
    EXPECT_NE(review.body.find("`src/app.py:15`"), std::string::npos);
    EXPECT_NE(review.body.find("REQUEST_CHANGES"), std::string::npos);
    EXPECT_NE(review.body.find("package-lock.json"), std::string::npos);
    EXPECT_NE(review.body.find("source changed without tests"), std::string::npos);
    EXPECT_NE(review.body.find("<!-- nectr:review head=abc123 -->"), std::string::npos);
}

TEST(GitHubReviewTest, TheEventFollowsTheConfigNotTheModel) {
    Diff diff = ParsedDiff();
    RepoConfig config;
    auto report = SampleReport();
    EXPECT_EQ(ComposeGitHubReview(report, diff.files, config, {}).event, "COMMENT");
    config.allow_request_changes = true;
    EXPECT_EQ(ComposeGitHubReview(report, diff.files, config, {}).event, "REQUEST_CHANGES");
    report.output.verdict = Verdict::kApprove;
    EXPECT_EQ(ComposeGitHubReview(report, diff.files, config, {}).event, "COMMENT");
    config.allow_approve = true;
    EXPECT_EQ(ComposeGitHubReview(report, diff.files, config, {}).event, "APPROVE");
}

TEST(GitHubReviewTest, ARequestedReviewHasAMarkerOfItsOwn) {
    const std::string automatic = ReviewMarker("abc123");
    const std::string requested = RequestedReviewMarker("abc123", 42);
    EXPECT_EQ(automatic, "<!-- nectr:review head=abc123 -->");
    EXPECT_EQ(requested, "<!-- nectr:review head=abc123 request=42 -->");
    // A retried job looks for its marker in the bodies of the reviews on GitHub: neither may
    // find the other's review.
    EXPECT_EQ(requested.find(automatic), std::string::npos);
    EXPECT_EQ(automatic.find(requested), std::string::npos);
    EXPECT_EQ(RequestedReviewMarker("abc123", 421).find(requested), std::string::npos);
}

TEST(ReportFormatTest, SarifHasOneResultPerCommentAndFileFinding) {
    auto sarif = boost::json::parse(RenderSarif(SampleReport(), "0.1.0"));
    const auto& run = sarif.at("runs").at(0);
    EXPECT_EQ(sarif.at("version").as_string(), "2.1.0");
    EXPECT_EQ(run.at("tool").at("driver").at("name").as_string(), "nectr");
    const auto& results = run.at("results").as_array();
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[0].at("level").as_string(), "error");
    EXPECT_EQ(results[0].at("locations").at(0).at("physicalLocation").at("region").at("startLine"),
              3);
    EXPECT_EQ(results[3].at("ruleId").as_string(), "tests.missing");
}

TEST(ReportFormatTest, JsonAndMarkdownCarryTheReview) {
    auto report = SampleReport();
    auto json = boost::json::parse(RenderJson(report));
    EXPECT_EQ(json.at("review").at("verdict").as_string(), "REQUEST_CHANGES");
    EXPECT_EQ(json.at("review").at("comments").as_array().size(), 3u);
    EXPECT_EQ(json.at("skipped").at(0).at("reason").as_string(), "lockfile");
    const std::string markdown = RenderMarkdown(report);
    EXPECT_NE(markdown.find("# Nectr review of octo/repo#7"), std::string::npos);
    EXPECT_NE(markdown.find("src/app.py:3"), std::string::npos);
}

TEST(ReportFormatTest, FailOnComparesWithTheWorstSeverity) {
    auto report = SampleReport();
    EXPECT_TRUE(ReachesSeverity(report, analyzers::Severity::kCritical));
    report.output.comments.clear();
    EXPECT_FALSE(ReachesSeverity(report, analyzers::Severity::kMedium));
    EXPECT_TRUE(ReachesSeverity(report, analyzers::Severity::kLow));
}

}  // namespace
}  // namespace nectr::review
