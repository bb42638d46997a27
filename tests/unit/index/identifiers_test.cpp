// Identifier splitting: the bridge between how code is written and how people search for it.
#include "index/identifiers.hpp"

#include <gtest/gtest.h>

namespace nectr::index {
namespace {

using Words = std::vector<std::string>;

TEST(SplitIdentifierTest, SplitsCamelCaseAndLowercases) {
    EXPECT_EQ(SplitIdentifier("parseDiffHunk"), (Words{"parse", "diff", "hunk"}));
    EXPECT_EQ(SplitIdentifier("ParseDiffHunk"), (Words{"parse", "diff", "hunk"}));
}

TEST(SplitIdentifierTest, KeepsAnAcronymTogetherUntilTheNextWord) {
    EXPECT_EQ(SplitIdentifier("HTTPServer"), (Words{"http", "server"}));
    EXPECT_EQ(SplitIdentifier("parseHTTP"), (Words{"parse", "http"}));
    EXPECT_EQ(SplitIdentifier("getHTTPResponseCode"), (Words{"get", "http", "response", "code"}));
}

TEST(SplitIdentifierTest, SplitsSnakeCaseAndScreamingCase) {
    EXPECT_EQ(SplitIdentifier("parse_diff_hunk"), (Words{"parse", "diff", "hunk"}));
    EXPECT_EQ(SplitIdentifier("MAX_FILE_BYTES"), (Words{"max", "file", "bytes"}));
    EXPECT_EQ(SplitIdentifier("__init__"), (Words{"init"}));
}

TEST(SplitIdentifierTest, DigitsStayWithTheWordBeforeThem) {
    EXPECT_EQ(SplitIdentifier("utf8Decode"), (Words{"utf8", "decode"}));
    EXPECT_EQ(SplitIdentifier("sha256"), (Words{"sha256"}));
}

TEST(IdentifierWordsTest, AddsTheWordsOfEachCamelCaseIdentifierOnce) {
    const std::string words =
        IdentifierWords("int parseDiffHunk(Diff d) { return parseDiffHunk(d) + snake_case; }");
    EXPECT_EQ(words, "parse diff hunk")
        << "snake_case is split by the tokenizers already; a repeated identifier counts once";
}

TEST(IdentifierWordsTest, IsEmptyWithoutCompoundIdentifiers) {
    EXPECT_EQ(IdentifierWords("int main() { return 0; }"), "");
}

TEST(AnalyzeQueryTest, SplitsEachWordAndKeepsTheWholeIdentifier) {
    const QueryTerms query = AnalyzeQuery("parseDiffHunk");
    EXPECT_EQ(query.terms, (Words{"parsediffhunk", "parse", "diff", "hunk"}));
    EXPECT_EQ(query.joined, "parsediffhunk");
}

TEST(AnalyzeQueryTest, JoinsPlainWordsSoThatTheyNameASymbol) {
    const QueryTerms query = AnalyzeQuery("parse diff hunk");
    EXPECT_EQ(query.terms, (Words{"parse", "diff", "hunk"}));
    EXPECT_EQ(query.joined, "parsediffhunk");
    EXPECT_TRUE(query.identifiers.empty()) << "plain words are no compound identifier";
}

TEST(AnalyzeQueryTest, FindsCompoundIdentifiersInALongerQuery) {
    const QueryTerms query = AnalyzeQuery("where is parseDiffHunk or split_words used");
    EXPECT_EQ(query.identifiers, (Words{"parsediffhunk", "splitwords"}));
}

TEST(AnalyzeQueryTest, DropsPunctuationThatFullTextSyntaxWouldReadAsOperators) {
    const QueryTerms query = AnalyzeQuery("\"a\" OR b* -c (d) NEAR'e'");
    for (const std::string& term : query.terms) {
        EXPECT_EQ(term.find_first_of("\"'*()-"), std::string::npos) << term;
    }
    EXPECT_EQ(query.terms, (Words{"a", "or", "b", "c", "d", "near", "e"}));
}

TEST(AnalyzeQueryTest, AnEmptyOrPunctuationOnlyQueryHasNoTerms) {
    EXPECT_TRUE(AnalyzeQuery("").terms.empty());
    EXPECT_TRUE(AnalyzeQuery("  ?! ...").terms.empty());
}

TEST(AnalyzeQueryTest, CapsTheNumberOfTerms) {
    std::string long_query;
    for (int i = 0; i < 100; ++i) {
        long_query += "word" + std::to_string(i) + " ";
    }
    EXPECT_EQ(AnalyzeQuery(long_query).terms.size(), kMaxQueryTerms);
}

TEST(SymbolNameVariantsTest, ListsTheIdentifierAsWrittenAndInEachNamingStyle) {
    EXPECT_EQ(SymbolNameVariants("parse diff hunk"),
              (Words{"ParseDiffHunk", "parseDiffHunk", "parse_diff_hunk", "PARSE_DIFF_HUNK"}));
    EXPECT_EQ(SymbolNameVariants("main"), (Words{"main", "Main", "MAIN"}));
    EXPECT_EQ(SymbolNameVariants("RunReviewPipeline"),
              (Words{"RunReviewPipeline", "runReviewPipeline", "run_review_pipeline",
                     "RUN_REVIEW_PIPELINE"}));
    EXPECT_EQ(SymbolNameVariants("split_words"),
              (Words{"split_words", "SplitWords", "splitWords", "SPLIT_WORDS"}));
}

TEST(SymbolNameVariantsTest, ALongQueryNamesNoSymbol) {
    EXPECT_TRUE(SymbolNameVariants("how does the server decide which job to run next").empty());
}

TEST(FoldIdentifierTest, IgnoresCaseAndSeparators) {
    EXPECT_EQ(FoldIdentifier("parse_diff_hunk"), "parsediffhunk");
    EXPECT_EQ(FoldIdentifier("ParseDiffHunk"), "parsediffhunk");
}

}  // namespace
}  // namespace nectr::index
