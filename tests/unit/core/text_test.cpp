#include "core/text.hpp"

#include <gtest/gtest.h>

namespace nectr::core {
namespace {

TEST(TextTest, AsciiLowerTurnsOnlyAsciiCapitalsIntoSmallLetters) {
    EXPECT_EQ(AsciiLower("Bearer ABC-xyz_09"), "bearer abc-xyz_09");
    EXPECT_EQ(AsciiLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // "ÉTÉ": UTF-8 bytes kept
    EXPECT_EQ(AsciiLower(""), "");
}

TEST(TextTest, TrimBlanksDropsSpacesAndTabsAtBothEndsOnly) {
    EXPECT_EQ(TrimBlanks(" \t a b \t "), "a b");
    EXPECT_EQ(TrimBlanks("\na\n"), "\na\n");  // line breaks are not HTTP's optional whitespace
    EXPECT_EQ(TrimBlanks(" \t "), "");
    EXPECT_EQ(TrimBlanks(""), "");
}

}  // namespace
}  // namespace nectr::core
