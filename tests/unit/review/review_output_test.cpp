#include "review/review_output.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nectr::review {
namespace {

const std::vector<std::string> kPaths = {"src/a.cpp", "src/b.py"};

TEST(ReviewOutputTest, ReadsAWellFormedAnswer) {
    auto output = ParseReviewOutput(R"j({"summary":"Adds a cache.","verdict":"REQUEST_CHANGES",
        "walkthrough":[{"path":"src/a.cpp","summary":"new cache"}],
        "comments":[{"path":"src/a.cpp","start_line":10,"line":12,"side":"RIGHT",
                     "severity":"high","category":"correctness","body":"Off by one.",
                     "suggestion":"for (i = 0; i < n; ++i)"}]})j",
                                    kPaths);
    ASSERT_TRUE(output) << output.error().detail;
    EXPECT_EQ(output->summary, "Adds a cache.");
    EXPECT_EQ(output->verdict, Verdict::kRequestChanges);
    ASSERT_EQ(output->walkthrough.size(), 1u);
    ASSERT_EQ(output->comments.size(), 1u);
    const auto& comment = output->comments[0];
    EXPECT_EQ(comment.path, "src/a.cpp");
    EXPECT_EQ(comment.start_line, 10);
    EXPECT_EQ(comment.line, 12);
    EXPECT_EQ(comment.severity, analyzers::Severity::kHigh);
    EXPECT_EQ(comment.category, "correctness");
    EXPECT_EQ(comment.suggestion, "for (i = 0; i < n; ++i)");
    EXPECT_TRUE(output->repairs.empty());
}

TEST(ReviewOutputTest, FindsTheObjectInsideFencesAndProse) {
    auto output = ParseReviewOutput(
        "Here is my review:\n```json\n{\"summary\":\"ok\",\"verdict\":\"approve\","
        "\"comments\":[]}\n```\nThanks!",
        kPaths);
    ASSERT_TRUE(output) << output.error().detail;
    EXPECT_EQ(output->verdict, Verdict::kApprove);
}

TEST(ReviewOutputTest, RepairsNumbersAsTextReversedRangesAndUnknownSeverities) {
    auto output = ParseReviewOutput(R"j({"summary":"s","verdict":"LGTM","comments":[
        {"path":"src/b.py","start_line":"9","line":"5","severity":"blocker","category":"Security","body":"x"}]})j",
                                    kPaths);
    ASSERT_TRUE(output) << output.error().detail;
    ASSERT_EQ(output->comments.size(), 1u);
    EXPECT_EQ(output->comments[0].start_line, 5);
    EXPECT_EQ(output->comments[0].line, 9);
    EXPECT_EQ(output->comments[0].severity, analyzers::Severity::kMedium);
    EXPECT_EQ(output->comments[0].category, "security");
    EXPECT_EQ(output->verdict, Verdict::kApprove);
    ASSERT_EQ(output->repairs.size(), 1u);
    EXPECT_NE(output->repairs[0].find("blocker"), std::string::npos);
}

TEST(ReviewOutputTest, DropsCommentsOnOtherFilesWithoutBodyOrLine) {
    auto output = ParseReviewOutput(R"j({"summary":"s","verdict":"NEEDS_DISCUSSION","comments":[
        {"path":"/etc/passwd","line":1,"severity":"low","category":"style","body":"x"},
        {"path":"src/a.cpp","line":3,"severity":"low","category":"style","body":""},
        {"path":"src/a.cpp","line":-2,"severity":"low","category":"style","body":"neg"},
        {"path":"src/a.cpp","severity":"low","category":"style","body":"no line"},
        "not an object",
        {"path":"src/a.cpp","line":4,"severity":"low","category":"weird","body":"kept"}]})j",
                                    kPaths);
    ASSERT_TRUE(output) << output.error().detail;
    ASSERT_EQ(output->comments.size(), 1u);
    EXPECT_EQ(output->comments[0].body, "kept");
    EXPECT_EQ(output->comments[0].category, "maintainability");
    EXPECT_EQ(output->repairs.size(), 5u);
}

TEST(ReviewOutputTest, AnUnknownVerdictBecomesNeedsDiscussion) {
    auto output =
        ParseReviewOutput(R"j({"summary":"s","verdict":"ship it","comments":[]})j", kPaths);
    ASSERT_TRUE(output);
    EXPECT_EQ(output->verdict, Verdict::kNeedsDiscussion);
    EXPECT_FALSE(output->repairs.empty());
}

TEST(ReviewOutputTest, RefusesAnswersWithoutJsonOrWithoutContent) {
    EXPECT_FALSE(ParseReviewOutput("I think it looks fine.", kPaths));
    auto empty = ParseReviewOutput(R"j({"verdict":"APPROVE"})j", kPaths);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, core::Errc::kInvalidInput);
}

TEST(ReviewOutputTest, VerdictNamesRoundTrip) {
    for (auto verdict : {Verdict::kApprove, Verdict::kRequestChanges, Verdict::kNeedsDiscussion}) {
        EXPECT_EQ(ParseVerdict(VerdictName(verdict)), verdict);
    }
    EXPECT_EQ(ParseVerdict("changes requested"), Verdict::kRequestChanges);
    EXPECT_FALSE(ParseVerdict("maybe"));
}

TEST(ReviewOutputTest, JsonOutputParsesBackToTheSameReview) {
    ReviewOutput output;
    output.summary = "sum";
    output.verdict = Verdict::kRequestChanges;
    output.walkthrough.push_back({"src/a.cpp", "w"});
    ReviewComment comment;
    comment.path = "src/a.cpp";
    comment.line = 7;
    comment.start_line = 5;
    comment.side = Side::kLeft;
    comment.severity = analyzers::Severity::kCritical;
    comment.category = "security";
    comment.body = "b";
    comment.suggestion = "s";
    output.comments.push_back(comment);
    auto back = ParseReviewOutput(ReviewOutputToJson(output), kPaths);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(back->summary, "sum");
    EXPECT_EQ(back->verdict, Verdict::kRequestChanges);
    ASSERT_EQ(back->comments.size(), 1u);
    EXPECT_EQ(back->comments[0].side, Side::kLeft);
    EXPECT_EQ(back->comments[0].start_line, 5);
    EXPECT_EQ(back->comments[0].severity, analyzers::Severity::kCritical);
    EXPECT_EQ(back->comments[0].suggestion, "s");
}

TEST(ReviewOutputTest, TheSchemaIsValidJson) {
    boost::system::error_code error;
    auto schema = boost::json::parse(ReviewOutputSchema(), error);
    ASSERT_FALSE(error);
    EXPECT_TRUE(schema.as_object().contains("properties"));
}

}  // namespace
}  // namespace nectr::review
