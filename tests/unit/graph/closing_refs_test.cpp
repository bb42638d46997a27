#include "graph/closing_refs.hpp"

#include <gtest/gtest.h>

namespace nectr::graph {
namespace {

using Numbers = std::vector<int>;

constexpr std::string_view kRepo = "octo/Widgets";

TEST(ClosingReferencesTest, ReadsEveryKeywordInAnyCase) {
    EXPECT_EQ(ParseClosingReferences("close #1 closes #2 closed #3", kRepo), (Numbers{1, 2, 3}));
    EXPECT_EQ(ParseClosingReferences("FIX #4, Fixes #5; fixed #6", kRepo), (Numbers{4, 5, 6}));
    EXPECT_EQ(ParseClosingReferences("Resolve #7\nRESOLVES #8\nresolved #9", kRepo),
              (Numbers{7, 8, 9}));
}

TEST(ClosingReferencesTest, AcceptsAColonAndLineBreaksAfterTheKeyword) {
    EXPECT_EQ(ParseClosingReferences("Closes: #10", kRepo), (Numbers{10}));
    EXPECT_EQ(ParseClosingReferences("Fixes:\n  #11", kRepo), (Numbers{11}));
}

TEST(ClosingReferencesTest, ReadsReferencesToTheSameRepositoryByName) {
    EXPECT_EQ(ParseClosingReferences("fixes octo/widgets#12", kRepo), (Numbers{12}));
    EXPECT_EQ(ParseClosingReferences("fixes OCTO/WIDGETS#13", kRepo), (Numbers{13}));
    EXPECT_TRUE(ParseClosingReferences("fixes octo/gadgets#14", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes octo/widgets-extra#15", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes other/widgets#16", kRepo).empty());
}

TEST(ClosingReferencesTest, IgnoresKeywordsInsideWordsAndNumbersWithoutAKeyword) {
    EXPECT_TRUE(ParseClosingReferences("prefixes #3", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("unfixed #3", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixing #3", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("See #3 and #4", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fix#3", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes #3abc", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes #0", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes #", kRepo).empty());
    EXPECT_TRUE(ParseClosingReferences("fixes #12345678901", kRepo).empty());
}

TEST(ClosingReferencesTest, NeedsAKeywordForEachReferenceAsGitHubDoes) {
    EXPECT_EQ(ParseClosingReferences("Fixes #1, #2", kRepo), (Numbers{1}));
    EXPECT_EQ(ParseClosingReferences("Fixes #1, fixes #2", kRepo), (Numbers{1, 2}));
}

TEST(ClosingReferencesTest, ListsEachNumberOnceInOrder) {
    EXPECT_EQ(ParseClosingReferences("fixes #9. Also closes #2 and resolves #9", kRepo),
              (Numbers{2, 9}));
    EXPECT_EQ(ParseClosingReferences("(fixes #5)", kRepo), (Numbers{5}));
    EXPECT_EQ(ParseClosingReferences("", kRepo), Numbers{});
}

}  // namespace
}  // namespace nectr::graph
