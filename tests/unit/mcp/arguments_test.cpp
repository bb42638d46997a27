#include "mcp/arguments.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "mcp/project_map.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;

TEST(ArgumentsTest, ReadsUtcDatesAndDateTimes) {
    EXPECT_EQ(ParseUtcTime("1970-01-02"), 86'400'000);
    EXPECT_EQ(ParseUtcTime("2024-03-10T12:00:00Z"), 1'710'072'000'000);
    EXPECT_EQ(ParseUtcTime("2024-03-10T12:00:00.25Z"), 1'710'072'000'250);
    EXPECT_FALSE(ParseUtcTime("2024-03-10T12:00:00+01:00")) << "UTC only";
    EXPECT_FALSE(ParseUtcTime("yesterday"));
    EXPECT_FALSE(ParseUtcTime("2024-13-01"));
}

TEST(ArgumentsTest, AcceptsRepositoryNamesAndRefusesPaths) {
    EXPECT_EQ(RepositoryArgument(json::object{{"repo", "acme/api.js"}}).value(), "acme/api.js");
    EXPECT_FALSE(RepositoryArgument(json::object{{"repo", "acme"}}));
    EXPECT_FALSE(RepositoryArgument(json::object{{"repo", "acme/../x"}}));
    EXPECT_FALSE(RepositoryArgument(json::object{{"repo", "a/b/c"}}));
    EXPECT_FALSE(RepositoryArgument(json::object{}));
}

TEST(ArgumentsTest, ReadsIntegersSentAsTextAndKeepsThemInRange) {
    EXPECT_EQ(IntegerArgument(json::object{{"limit", "5"}}, "limit", 10, 1, 50).value(), 5);
    EXPECT_EQ(IntegerArgument(json::object{}, "limit", 10, 1, 50).value(), 10);
    EXPECT_EQ(IntegerArgument(json::object{{"limit", 3.0}}, "limit", 10, 1, 50).value(), 3);
    EXPECT_FALSE(IntegerArgument(json::object{{"limit", 51}}, "limit", 10, 1, 50));
    EXPECT_FALSE(IntegerArgument(json::object{{"limit", 2.5}}, "limit", 10, 1, 50));
}

TEST(ArgumentsTest, ProjectMapUrisNameOneRepository) {
    EXPECT_EQ(RepositoryOfProjectMapUri(ProjectMapUri("acme/api")), "acme/api");
    EXPECT_FALSE(RepositoryOfProjectMapUri("nectr://repos/acme/project-map"));
    EXPECT_FALSE(RepositoryOfProjectMapUri("nectr://repos/a/b/c/project-map"));
    EXPECT_FALSE(RepositoryOfProjectMapUri("file:///etc/passwd"));
}

}  // namespace
}  // namespace nectr::mcp
