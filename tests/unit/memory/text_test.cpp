// Comparing and searching sentences: what counts as the same memory.
#include "memory/text.hpp"

#include <gtest/gtest.h>

namespace nectr::memory {
namespace {

TEST(NormalizeTextTest, FoldsCasePunctuationAndSpaces) {
    EXPECT_EQ(NormalizeText("  Never use RAW pointers!!  In src/core. "),
              "never use raw pointers in src core");
    EXPECT_EQ(NormalizeText("Don't  log\ttokens"), "dont log tokens");
    EXPECT_EQ(NormalizeText("Don\xE2\x80\x99t log tokens"), "dont log tokens")
        << "a typographic apostrophe is an apostrophe too";
    EXPECT_EQ(NormalizeText("Caf\xC3\xA9 na\xC3\xAFve"), "caf\xC3\xA9 na\xC3\xAFve")
        << "UTF-8 letters are kept as they are";
    EXPECT_EQ(NormalizeText("?!."), "");
}

TEST(ContentWordsTest, DropsStopWordsButKeepsNegations) {
    EXPECT_EQ(ContentWords("We should always use the logger"),
              (std::set<std::string>{"always", "use", "logger"}));
    EXPECT_EQ(ContentWords("Do not use exceptions"), ContentWords("Don't use exceptions"))
        << "\"do not\" and \"don't\" are one thing";
    EXPECT_NE(ContentWords("Never use exceptions"), ContentWords("Always use exceptions"));
}

TEST(SaysTheSameTest, SameTextDifferentlyCasedAndPunctuated) {
    EXPECT_TRUE(SaysTheSame("Never log request bodies.", "never log request bodies"));
    EXPECT_TRUE(SaysTheSame("Do not use exceptions in the core module.",
                            "Don't use exceptions in core module!"));
}

TEST(SaysTheSameTest, DifferentRulesStayApart) {
    EXPECT_FALSE(SaysTheSame("Never use raw pointers.", "Always use raw pointers."))
        << "opposite rules share most words but must not merge";
    EXPECT_FALSE(SaysTheSame("Use snake_case for variables.", "Use PascalCase for functions."));
}

TEST(JaccardTest, MeasuresSharedWords) {
    const std::set<std::string> a = {"one", "two", "three", "four"};
    const std::set<std::string> b = {"one", "two", "three", "five"};
    EXPECT_DOUBLE_EQ(Jaccard(a, b), 3.0 / 5.0);
    EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
    EXPECT_DOUBLE_EQ(Containment({"one", "two"}, a), 1.0);
    EXPECT_DOUBLE_EQ(Containment({"one", "six"}, a), 0.5);
}

TEST(SearchTermsTest, KeepsOrderDropsRepeatsAndShortWords) {
    EXPECT_EQ(SearchTerms("The mutex: lock the mutex before x reads it"),
              (std::vector<std::string>{"mutex", "lock", "before", "reads"}));
    EXPECT_TRUE(SearchTerms("the of and").empty());
    EXPECT_EQ(SearchTerms("a b c d e f g h one two three", 2).size(), 2u);
}

TEST(ShortQuoteTest, TakesTheFirstSentenceAndCutsAtAWord) {
    EXPECT_EQ(ShortQuote("  Check the bound.  Then the rest."), "Check the bound.");
    EXPECT_EQ(ShortQuote("first line\nsecond line"), "first line");
    const std::string quote = ShortQuote("alpha beta gamma delta epsilon", 16);
    EXPECT_EQ(quote, "alpha beta\xE2\x80\xA6");
    EXPECT_LE(quote.size(), 16u);
}

TEST(ShortQuoteTest, NeverSplitsAUtf8Sequence) {
    const std::string text(40, 'x');
    const std::string accented = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // éééééé
    const std::string quote = ShortQuote(accented + accented, 10);
    ASSERT_LE(quote.size(), 10u);
    const std::string body = quote.substr(0, quote.size() - 3);  // without the ellipsis
    EXPECT_EQ(body.size() % 2, 0u) << "a two-byte letter was cut in half: " << quote;
    EXPECT_EQ(ShortQuote(text, 12).size(), 12u);
}

}  // namespace
}  // namespace nectr::memory
