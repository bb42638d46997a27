// How accepted false positives are described and recognised again. Pure.
#include "memory/false_positive.hpp"

#include <gtest/gtest.h>

#include "memory/feedback.hpp"

namespace nectr::memory {
namespace {

TEST(PathPatternTest, KeepsTheDirectoryAndExtension) {
    EXPECT_EQ(PathPattern("src/api/users.cpp"), "src/api/*.cpp");
    EXPECT_EQ(PathPattern("main.go"), "*.go");
    EXPECT_EQ(PathPattern("docker/Dockerfile"), "docker/Dockerfile");
    EXPECT_EQ(PathPattern("config/.env"), "config/.env");
}

TEST(GlobMatchesTest, AStarStaysWithinOneDirectory) {
    EXPECT_TRUE(GlobMatches("src/api/*.cpp", "src/api/users.cpp"));
    EXPECT_TRUE(GlobMatches("src/api/*.cpp", "src/api/a.b.cpp"));
    EXPECT_FALSE(GlobMatches("src/api/*.cpp", "src/api/v2/users.cpp"));
    EXPECT_FALSE(GlobMatches("src/api/*.cpp", "src/api/users.hpp"));
    EXPECT_TRUE(GlobMatches("*.go", "main.go"));
    EXPECT_FALSE(GlobMatches("*.go", "cmd/main.go"));
    EXPECT_TRUE(GlobMatches("*", "any/where/at.all"));
}

TEST(FalsePositiveContentTest, RoundTrips) {
    const FindingDescription finding =
        DescribeFinding("Correctness", "src/api/users.cpp",
                        "The \"limit\" parameter is never checked. It may be negative.");
    const std::string content = FalsePositiveContent(finding);
    EXPECT_EQ(content,
              "Accepted as intended (correctness) in src/api/*.cpp: \"The 'limit' parameter is "
              "never checked.\"");
    const auto parsed = ParseFalsePositive(content);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->category, "correctness");
    EXPECT_EQ(parsed->pattern, "src/api/*.cpp");
    EXPECT_EQ(parsed->quote, "The 'limit' parameter is never checked.");
    EXPECT_FALSE(ParseFalsePositive("We accept magic numbers in tests."));
}

TEST(MatchesAcceptedFindingTest, NeedsTheCategoryAndSimilarTextOrPath) {
    const std::string content = FalsePositiveContent(DescribeFinding(
        "performance", "src/db/pool.cpp", "Copying the vector in the loop is slow."));
    EXPECT_TRUE(MatchesAcceptedFinding(content, "performance", "lib/other.cpp",
                                       "Copying the vector in this loop is slow."))
        << "the same text anywhere";
    EXPECT_FALSE(MatchesAcceptedFinding(content, "correctness", "src/db/pool.cpp",
                                        "Copying the vector in the loop is slow."))
        << "another category is another finding";
    EXPECT_TRUE(MatchesAcceptedFinding(content, "performance", "src/db/conn.cpp",
                                       "The loop copies the vector on each pass."))
        << "related text on a path the pattern covers";
    EXPECT_FALSE(MatchesAcceptedFinding(content, "performance", "src/web/conn.cpp",
                                        "The loop copies the vector on each pass."))
        << "related text elsewhere is not enough";
    EXPECT_FALSE(MatchesAcceptedFinding(content, "performance", "src/db/conn.cpp",
                                        "Nothing in common whatsoever here."))
        << "the path alone is not enough";
}

TEST(MatchesAcceptedFindingTest, AHandWrittenMemoryMatchesOnItsText) {
    EXPECT_TRUE(MatchesAcceptedFinding("Magic numbers in test fixtures are fine.", "style",
                                       "tests/a_test.cpp", "Magic numbers in test fixtures."));
    EXPECT_FALSE(MatchesAcceptedFinding("Magic numbers in test fixtures are fine.", "style",
                                        "tests/a_test.cpp", "Unused variable."));
}

TEST(IsDismissalTest, RecognisesRepliesThatAcceptTheFinding) {
    for (const char* reply :
         {"This is intentional.", "FALSE POSITIVE", "It's by design", "We do this on purpose.",
          "not an issue here", "Won't fix.", "won\xE2\x80\x99t fix", "Works as intended, thanks",
          "@nectr this is intentional: the cache is per-request", "No, this is intentional."}) {
        EXPECT_TRUE(IsDismissal(reply)) << reply;
    }
}

TEST(IsDismissalTest, IgnoresNegationsQuestionsAndOtherReplies) {
    for (const char* reply :
         {"This is not intentional, fixing.", "That isn't a false positive.", "Good catch!",
          "Is this intentional?", "unintentional, thanks", "Fixed in abc123.",
          "I don't think it's by design", "No, this is wrong."}) {
        EXPECT_FALSE(IsDismissal(reply)) << reply;
    }
}

}  // namespace
}  // namespace nectr::memory
