// Finding where a symbol ends by matching braces, for languages where ctags does not say.
#include "index/symbol_ends.hpp"

#include <gtest/gtest.h>

#include "index/text.hpp"

namespace nectr::index {
namespace {

std::optional<int> EndOf(std::string_view text, int start,
                         std::string_view language = "javascript") {
    std::vector<Symbol> symbols(1);
    symbols[0].name = "s";
    symbols[0].start_line = start;
    FillMissingEnds(SplitLines(text), language, symbols);
    return symbols[0].end_line;
}

TEST(FillMissingEndsTest, MatchesTheBracesOfABody) {
    const std::string text =
        "export function parseDiffHunk(text: string): number {\n"
        "  if (text) {\n"
        "    return 1;\n"
        "  }\n"
        "  return 0;\n"
        "}\n"
        "const after = 1;\n";
    EXPECT_EQ(EndOf(text, 1), 6);
}

TEST(FillMissingEndsTest, IgnoresBracesInStringsAndComments) {
    const std::string text =
        "function f() {\n"
        "  const s = \"}\";   // }\n"
        "  const t = '{';\n"
        "  /* } } */\n"
        "  return `${s}`;\n"
        "}\n";
    EXPECT_EQ(EndOf(text, 1), 6);
}

TEST(FillMissingEndsTest, FollowsAParameterListOverSeveralLines) {
    const std::string text =
        "fn long(\n"
        "    a: i32,\n"
        "    b: [u8; 4],\n"
        ") -> i32\n"
        "{\n"
        "    a\n"
        "}\n";
    EXPECT_EQ(EndOf(text, 1, "rust"), 7);
}

TEST(FillMissingEndsTest, ADeclarationWithoutBodyEndsOnItsLine) {
    EXPECT_EQ(EndOf("trait Bar { fn go(&self); }\n    fn go(&self);\n", 2, "rust"), 2);
}

TEST(FillMissingEndsTest, AFieldDoesNotBorrowTheNextBlock) {
    const std::string text =
        "class A {\n"
        "  name: string\n"
        "  run() {\n"
        "  }\n"
        "}\n";
    EXPECT_EQ(EndOf(text, 2), std::nullopt)
        << "nothing opened on the field's line and nothing says it goes on";
}

TEST(FillMissingEndsTest, KeepsAnEndThatCtagsGave) {
    std::vector<Symbol> symbols(1);
    symbols[0].start_line = 1;
    symbols[0].end_line = 2;
    FillMissingEnds(SplitLines("function f() {\n}\n\n\n"), "javascript", symbols);
    EXPECT_EQ(symbols[0].end_line, 2);
}

TEST(FillMissingEndsTest, LeavesLanguagesWithoutBracesAlone) {
    EXPECT_EQ(EndOf("def f():\n    return {\n    }\n", 1, "python"), std::nullopt);
}

}  // namespace
}  // namespace nectr::index
