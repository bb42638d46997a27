#include "http/router.hpp"

#include <gtest/gtest.h>

namespace nectr::http {
namespace {

// Handlers are never run here: the router only picks them.
Route MakeRoute(std::string method, std::string pattern, std::size_t max_body = 1024) {
    return Route{std::move(method), std::move(pattern), nullptr, max_body};
}

class RouterTest : public ::testing::Test {
protected:
    RouterTest() {
        router.Add(MakeRoute("GET", "/"));
        router.Add(MakeRoute("GET", "/repos/{owner}/{name}"));
        router.Add(MakeRoute("DELETE", "/repos/{owner}/{name}"));
        router.Add(MakeRoute("GET", "/repos/new"));
        router.Add(MakeRoute("GET", "/repos/{id}"));
        router.Add(MakeRoute("POST", "/repos"));
        router.Add(MakeRoute("GET", "/static/{rest...}"));
        router.Add(MakeRoute("GET", "/static/special"));
    }

    std::string PatternFor(std::string_view method, std::string_view path) {
        auto match = router.Find(method, path);
        return match ? match->route->pattern : "<none>";
    }

    Router router;
};

TEST_F(RouterTest, FillsNamedParametersFromTheirSegments) {
    auto match = router.Find("GET", "/repos/octo/hello-world");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->route->pattern, "/repos/{owner}/{name}");
    EXPECT_EQ(match->params.at("owner"), "octo");
    EXPECT_EQ(match->params.at("name"), "hello-world");
}

TEST_F(RouterTest, PrefersALiteralSegmentOverAParameter) {
    EXPECT_EQ(PatternFor("GET", "/repos/new"), "/repos/new");
    EXPECT_EQ(PatternFor("GET", "/repos/42"), "/repos/{id}");
    EXPECT_EQ(PatternFor("GET", "/static/special"), "/static/special");
}

TEST_F(RouterTest, CatchAllTakesTheRestOfThePathIncludingSlashes) {
    auto match = router.Find("GET", "/static/js/app.min.js");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->params.at("rest"), "js/app.min.js");
    auto empty = router.Find("GET", "/static/");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->params.at("rest"), "");
    EXPECT_FALSE(router.Find("GET", "/static")) << "the catch-all needs its slash";
}

TEST_F(RouterTest, AParameterNeverMatchesAnEmptySegment) {
    EXPECT_FALSE(router.Find("GET", "/repos//x"));
    EXPECT_FALSE(router.Find("GET", "/repos/octo/"));
}

TEST_F(RouterTest, TellsAnUnknownPathFromAKnownPathWithAnotherMethod) {
    bool other_method = true;
    EXPECT_FALSE(router.Find("GET", "/nowhere", &other_method));
    EXPECT_FALSE(other_method) << "an unknown path is a 404";
    EXPECT_FALSE(router.Find("PUT", "/repos", &other_method));
    EXPECT_TRUE(other_method) << "a known path with the wrong method is a 405";
}

TEST_F(RouterTest, ListsTheAllowedMethodsSortedWithHeadBesideGet) {
    EXPECT_EQ(router.AllowedMethods("/repos/a/b"),
              (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
    EXPECT_EQ(router.AllowedMethods("/repos"), (std::vector<std::string>{"POST"}));
    EXPECT_TRUE(router.AllowedMethods("/nowhere").empty());
}

TEST_F(RouterTest, ServesHeadWithTheGetRouteUnlessAHeadRouteExists) {
    EXPECT_EQ(PatternFor("HEAD", "/repos/a/b"), "/repos/{owner}/{name}");
    EXPECT_EQ(PatternFor("HEAD", "/repos"), "<none>") << "POST routes do not answer HEAD";
    router.Add(MakeRoute("HEAD", "/"));
    auto match = router.Find("HEAD", "/");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->route->method, "HEAD");
}

TEST_F(RouterTest, MatchesTheRootOnlyExactly) {
    EXPECT_EQ(PatternFor("GET", "/"), "/");
    EXPECT_EQ(PatternFor("GET", ""), "<none>");
    EXPECT_EQ(PatternFor("GET", "repos"), "<none>") << "a path without '/' matches nothing";
}

TEST_F(RouterTest, KeepsEachRoutesBodyLimit) {
    Router router;
    router.Add(MakeRoute("POST", "/upload", 10));
    auto match = router.Find("POST", "/upload");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->route->max_body_bytes, 10u);
}

TEST(RouterDeathTest, RejectsMalformedPatternsAtStartUp) {
    Router router;
    EXPECT_DEATH(router.Add(MakeRoute("GET", "no-slash")), "starts with '/'");
    EXPECT_DEATH(router.Add(MakeRoute("GET", "/{rest...}/x")), "must be last");
    EXPECT_DEATH(router.Add(MakeRoute("GET", "/a{b}")), "whole segment");
    router.Add(MakeRoute("GET", "/a"));
    EXPECT_DEATH(router.Add(MakeRoute("GET", "/a")), "declared once");
}

}  // namespace
}  // namespace nectr::http
