#include "core/json_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nectr::core {
namespace {

boost::json::object Parse(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(JsonFieldsTest, MissingNullOrOtherTypesReadAsEmpty) {
    auto object = Parse(R"({"s":"x","n":null,"i":3,"b":true,"o":{"k":"v"},"a":["p",1,"q"]})");
    EXPECT_EQ(StringAt(object, "s"), "x");
    EXPECT_EQ(StringAt(object, "n"), "");
    EXPECT_EQ(StringAt(object, "i"), "");
    EXPECT_EQ(StringAt(object, "missing"), "");
    EXPECT_TRUE(BoolAt(object, "b"));
    EXPECT_FALSE(BoolAt(object, "s"));
    EXPECT_EQ(NestedStringAt(object, "o", "k"), "v");
    EXPECT_EQ(NestedStringAt(object, "s", "k"), "");
    EXPECT_EQ(StringsAt(object, "a"), (std::vector<std::string>{"p", "q"}));
    EXPECT_EQ(ObjectAt(object, "a"), nullptr);
    EXPECT_NE(ArrayAt(object, "a"), nullptr);
}

TEST(JsonFieldsTest, IntegersAcceptOnlyWholeNumbersThatFit) {
    auto object =
        Parse(R"({"i":-4,"u":18446744073709551615,"whole":3.0,"frac":2.5,"huge":1e300,"s":"7"})");
    EXPECT_EQ(OptionalIntAt(object, "i"), -4);
    EXPECT_EQ(OptionalIntAt(object, "u"), std::nullopt);
    EXPECT_EQ(OptionalIntAt(object, "whole"), 3);
    EXPECT_EQ(OptionalIntAt(object, "frac"), std::nullopt);
    EXPECT_EQ(OptionalIntAt(object, "huge"), std::nullopt);
    EXPECT_EQ(OptionalIntAt(object, "s"), std::nullopt);
    EXPECT_EQ(IntAt(object, "missing"), 0);
}

}  // namespace
}  // namespace nectr::core
