// Reading cookies from requests and writing Set-Cookie values.
#include "auth/cookies.hpp"

#include <gtest/gtest.h>

namespace nectr::auth {
namespace {

http::Request WithCookies(std::vector<std::string> values) {
    http::Request request;
    for (auto& value : values) {
        request.headers.push_back({"Cookie", std::move(value)});
    }
    return request;
}

TEST(CookiesTest, FindsACookieAmongOthers) {
    http::Request request = WithCookies({"theme=dark; nectr_session=abc.def.ghi; lang=en"});
    EXPECT_EQ(FindCookie(request, "nectr_session"), "abc.def.ghi");
    EXPECT_EQ(FindCookie(request, "lang"), "en");
    EXPECT_EQ(FindCookie(request, "nectr"), std::nullopt) << "names match whole";
    EXPECT_EQ(FindCookie(request, "session"), std::nullopt);
}

TEST(CookiesTest, ReadsEveryCookieHeaderWhateverItsCase) {
    http::Request request = WithCookies({"a=1"});
    request.headers.push_back({"cOOKIE", "nectr_session=x"});
    EXPECT_EQ(FindCookie(request, "nectr_session"), "x");
}

TEST(CookiesTest, TheFirstOfTwoEqualNamesWinsAndQuotesAreDropped) {
    EXPECT_EQ(FindCookie(WithCookies({"s=first; s=second"}), "s"), "first");
    EXPECT_EQ(FindCookie(WithCookies({"s=\"quoted\""}), "s"), "quoted");
    EXPECT_EQ(FindCookie(WithCookies({"s="}), "s"), "");
    EXPECT_EQ(FindCookie(WithCookies({"garbage; ;=; s = spaced "}), "s"), "spaced");
    EXPECT_EQ(FindCookie(http::Request{}, "s"), std::nullopt);
}

TEST(CookiesTest, SetCookieCarriesEveryFlag) {
    EXPECT_EQ(SetCookieValue("nectr_session", "tok", {"/", std::chrono::hours(8), false}),
              "nectr_session=tok; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax");
    EXPECT_EQ(SetCookieValue("s", "v", {"/auth/github", std::chrono::seconds(300), true}),
              "s=v; Path=/auth/github; Max-Age=300; HttpOnly; SameSite=Lax; Secure");
    EXPECT_EQ(ClearCookieValue("s", {"/auth/github", std::chrono::seconds(300), true}),
              "s=; Path=/auth/github; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
}

TEST(CookiesTest, AResponseKeepsEveryCookieItSets) {
    http::Response response;
    AddSetCookie(response, "a=1");
    AddSetCookie(response, "b=2");
    int count = 0;
    for (const auto& header : response.headers) {
        count += header.name == "Set-Cookie" ? 1 : 0;
    }
    EXPECT_EQ(count, 2);
}

}  // namespace
}  // namespace nectr::auth
