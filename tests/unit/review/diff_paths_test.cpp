#include "review/diff_paths.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nectr::review {
namespace {

std::optional<std::string> Unquote(std::string_view text) {
    std::size_t consumed = 0;
    auto out = UnquoteCString(text, consumed);
    if (out) {
        EXPECT_EQ(text[consumed - 1], '"') << "consumed stops after the closing quote";
    }
    return out;
}

TEST(DiffPathsTest, DecodesGitsCEscapes) {
    EXPECT_EQ(Unquote(R"("a\tb\nc\\d\"e")"), "a\tb\nc\\d\"e");
    EXPECT_EQ(Unquote(R"("caf\303\251")"), "caf\xc3\xa9");
    EXPECT_EQ(Unquote(R"("\a\b\f\v\r")"), "\a\b\f\v\r");
    EXPECT_EQ(Unquote(R"("x" trailing)"), "x");
}

TEST(DiffPathsTest, RejectsBrokenQuoting) {
    EXPECT_EQ(Unquote(R"("unterminated)"), std::nullopt);
    EXPECT_EQ(Unquote(R"("bad \q escape")"), std::nullopt);
    EXPECT_EQ(Unquote(R"("short \30")"), std::nullopt);
    EXPECT_EQ(Unquote(R"("too big \400")"), std::nullopt);
    EXPECT_EQ(Unquote(R"("ends in \)"), std::nullopt);
    EXPECT_EQ(Unquote("no quotes"), std::nullopt);
}

TEST(DiffPathsTest, QuotesOnlyNamesThatNeedIt) {
    EXPECT_EQ(QuoteNameIfNeeded("src/with space.c"), "src/with space.c");
    EXPECT_EQ(QuoteNameIfNeeded("caf\xc3\xa9"), "caf\xc3\xa9") << "UTF-8 stays readable";
    EXPECT_EQ(QuoteNameIfNeeded("tab\there"), R"("tab\there")");
    EXPECT_EQ(QuoteNameIfNeeded("say \"hi\"\\"), R"("say \"hi\"\\")");
    EXPECT_EQ(QuoteNameIfNeeded(std::string("nul\x01", 4)), R"("nul\001")");
    for (std::string name : {"tab\there", "a\"b", "back\\slash", "ctl\x1f\x7f", "new\nline"}) {
        EXPECT_EQ(Unquote(QuoteNameIfNeeded(name)), name);
    }
}

TEST(DiffPathsTest, CutsHeaderNamesAtATab) {
    EXPECT_EQ(ParseHeaderName("a/file.c\t2024-01-01 10:00:00"), "a/file.c");
    EXPECT_EQ(ParseHeaderName("a/with space.c\t"), "a/with space.c");
    EXPECT_EQ(ParseHeaderName(R"("a/tab\tname"	2024)"), "a/tab\tname");
    EXPECT_EQ(ParseHeaderName(R"("a/broken)"), std::nullopt);
}

TEST(DiffPathsTest, SplitsTheTwoNamesOfADiffGitLine) {
    using Pair = std::pair<std::string, std::string>;
    EXPECT_EQ(SplitGitHeaderNames("a/x.c b/x.c"), (Pair{"a/x.c", "b/x.c"}));
    EXPECT_EQ(SplitGitHeaderNames("a/my file b/x b/my file b/x"),
              (Pair{"a/my file b/x", "b/my file b/x"}));
    EXPECT_EQ(SplitGitHeaderNames(R"("a/t\tx" "b/t\tx")"), (Pair{"a/t\tx", "b/t\tx"}));
    EXPECT_EQ(SplitGitHeaderNames(R"(a/plain "b/t\tx")"), (Pair{"a/plain", "b/t\tx"}));
    EXPECT_EQ(SplitGitHeaderNames(R"("a/t\tx" b/plain)"), (Pair{"a/t\tx", "b/plain"}));
    EXPECT_EQ(SplitGitHeaderNames("a/one two b/three four"), std::nullopt)
        << "a rename with spaces: only the rename lines can tell";
    EXPECT_EQ(SplitGitHeaderNames(""), std::nullopt);
    EXPECT_EQ(SplitGitHeaderNames(R"("a/x" "b/y)"), std::nullopt);
}

}  // namespace
}  // namespace nectr::review
