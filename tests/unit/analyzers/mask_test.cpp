#include "analyzers/mask.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nectr::analyzers {
namespace {

TEST(MaskSecretTest, KeepsTheFirstFourCharactersAndTheLength) {
    const std::string token = std::string("gh") + "p_" + std::string(36, 'a');
    EXPECT_EQ(MaskSecret(token), "ghp_…(40 chars)");
}

TEST(MaskSecretTest, KeepsNothingOfAShortValue) {
    EXPECT_EQ(MaskSecret("hunter22x"), "…(9 chars)");
    EXPECT_EQ(MaskSecret("fifteen-chars!!"), "…(15 chars)");
    EXPECT_EQ(MaskSecret(""), "…(0 chars)");
}

TEST(MaskSecretTest, SixteenCharactersIsTheShortestValueThatKeepsAPrefix) {
    EXPECT_EQ(MaskSecret("abcdefghijklmnop"), "abcd…(16 chars)");
}

TEST(MaskSecretTest, NeverKeepsMoreThanFourCharactersOfTheValue) {
    const std::string value = "Zq9rT5mW2xL8nB4vC7kP1sD6";
    const std::string masked = MaskSecret(value);
    for (std::size_t length = 5; length <= value.size(); ++length) {
        EXPECT_EQ(masked.find(value.substr(0, length)), std::string::npos)
            << "the mask shows " << length << " characters of the value";
    }
    EXPECT_EQ(masked.find(value.substr(4, 4)), std::string::npos);
}

TEST(MaskSecretTest, DoesNotCutAMultiByteCharacterInHalf) {
    const std::string value =
        "ab\xC3\xA9"
        "cdefghijklmnopqrst";  // "abé..." in UTF-8
    EXPECT_EQ(MaskSecret(value), "ab…(22 chars)");
}

TEST(MaskSecretValuesTest, ReplacesEveryOccurrenceWithTheMask) {
    const std::string token = std::string("gh") + "p_" + std::string(36, 'b');
    EXPECT_EQ(MaskSecretValues("use " + token + ", not " + token + ".", {token}),
              "use ghp_…(40 chars), not ghp_…(40 chars).");
    EXPECT_EQ(MaskSecretValues("nothing to hide", {token}), "nothing to hide");
    EXPECT_EQ(MaskSecretValues("text", {""}), "text") << "an empty value masks nothing";
}

TEST(MaskSecretValuesTest, MasksTheLongerValueFirst) {
    const std::string outer = "Zq9rT5mW2xL8nB4vC7kP1sD6";
    const std::string inner = outer.substr(4, 12);
    const std::string masked = MaskSecretValues("key=" + outer + " part=" + inner, {inner, outer});
    EXPECT_EQ(masked, "key=" + MaskSecret(outer) + " part=" + MaskSecret(inner));
}

}  // namespace
}  // namespace nectr::analyzers
