#include "llm/json_extract.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nectr::llm {
namespace {

std::string Found(std::string_view text) {
    auto found = FindJsonObject(text);
    return found ? std::string(*found) : "<none>";
}

TEST(JsonExtractTest, TakesAPlainObject) {
    EXPECT_EQ(Found("  {\"verdict\": \"APPROVE\"}\n"), R"({"verdict": "APPROVE"})");
}

TEST(JsonExtractTest, TakesTheBodyOfAJsonFence) {
    std::string text =
        "Here is my review:\n\n```json\n{\"summary\": \"ok\", \"comments\": []}\n```\n"
        "Let me know if you need more.";
    EXPECT_EQ(Found(text), R"({"summary": "ok", "comments": []})");
}

TEST(JsonExtractTest, TakesAFenceWithoutALanguageTag) {
    EXPECT_EQ(Found("```\n{\"a\": 1}\n```"), R"({"a": 1})");
}

TEST(JsonExtractTest, SkipsAFenceThatHoldsNoObject) {
    std::string text = "```cpp\nint main() { return 0; }\n```\nand:\n```json\n{\"b\": 2}\n```";
    EXPECT_EQ(Found(text), R"({"b": 2})");
}

TEST(JsonExtractTest, FindsAnObjectAfterProseWithoutFences) {
    std::string text = "Sure! Replace {placeholder} below.\n{\"comments\": [{\"line\": 3}]} Done.";
    EXPECT_EQ(Found(text), R"({"comments": [{"line": 3}]})");
}

TEST(JsonExtractTest, BracesInsideStringsDoNotEndTheObject) {
    std::string text = R"(Result: {"body": "use \"}\" carefully {", "n": 1} trailing)";
    EXPECT_EQ(Found(text), R"({"body": "use \"}\" carefully {", "n": 1})");
}

TEST(JsonExtractTest, ParsesWhatItFinds) {
    auto object = ExtractJsonObject("```json\n{\"verdict\": \"REQUEST_CHANGES\", \"n\": 2}\n```");
    ASSERT_TRUE(object) << object.error().detail;
    EXPECT_EQ(object->at("verdict").as_string(), "REQUEST_CHANGES");
    EXPECT_EQ(object->at("n").as_int64(), 2);
}

TEST(JsonExtractTest, ATruncatedOrMissingObjectIsAnError) {
    for (const char* text : {"I could not review this.", "{\"summary\": \"cut off",
                             "```json\n{\"a\": \n```", "[1, 2, 3]", ""}) {
        auto object = ExtractJsonObject(text);
        ASSERT_FALSE(object) << text;
        EXPECT_EQ(object.error().code, core::Errc::kUpstream);
    }
}

TEST(JsonExtractTest, AWallOfBracesEndsQuickly) {
    std::string text(200000, '{');
    EXPECT_FALSE(FindJsonObject(text));
}

}  // namespace
}  // namespace nectr::llm
