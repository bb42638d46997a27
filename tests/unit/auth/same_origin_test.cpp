// The cross-site check of cookie-authenticated writes, and the origins it compares.
#include "auth/same_origin.hpp"

#include <gtest/gtest.h>

namespace nectr::auth {
namespace {

const std::vector<std::string> kTrusted = {"https://nectr.example.com/",
                                           "http://localhost:5173/dashboard"};

http::Request With(std::vector<http::Header> headers) {
    http::Request request;
    request.method = "POST";
    request.headers = std::move(headers);
    return request;
}

TEST(OriginOfTest, KeepsSchemeHostAndAnyPortThatIsNotTheDefault) {
    EXPECT_EQ(OriginOf("https://Nectr.Example.com/a/b?c#d"), "https://nectr.example.com");
    EXPECT_EQ(OriginOf("https://nectr.example.com:443"), "https://nectr.example.com");
    EXPECT_EQ(OriginOf("http://nectr.example.com:80/"), "http://nectr.example.com");
    EXPECT_EQ(OriginOf("http://localhost:5173"), "http://localhost:5173");
    EXPECT_EQ(OriginOf("https://[::1]:8443/x"), "https://[::1]:8443");
    EXPECT_EQ(OriginOf("null"), "");
    EXPECT_EQ(OriginOf("ftp://nectr.example.com"), "");
    EXPECT_EQ(OriginOf("/relative"), "");
    EXPECT_EQ(OriginOf(""), "");
}

TEST(SameOriginTest, OnlyMethodsThatChangeStateAreChecked) {
    EXPECT_FALSE(IsStateChanging("GET"));
    EXPECT_FALSE(IsStateChanging("HEAD"));
    EXPECT_FALSE(IsStateChanging("OPTIONS"));
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"}) {
        EXPECT_TRUE(IsStateChanging(method)) << method;
    }
}

TEST(SameOriginTest, AdmitsTheBackendAndTheFrontend) {
    EXPECT_TRUE(CheckSameOrigin(With({{"Origin", "https://nectr.example.com"}}), kTrusted));
    EXPECT_TRUE(CheckSameOrigin(With({{"Origin", "http://localhost:5173"}}), kTrusted));
    EXPECT_TRUE(
        CheckSameOrigin(With({{"Referer", "https://nectr.example.com/settings"}}), kTrusted))
        << "a browser that sends no Origin still sends the Referer";
}

TEST(SameOriginTest, RefusesEverythingElse) {
    for (const std::vector<http::Header>& headers : std::vector<std::vector<http::Header>>{
             {},
             {{"Origin", "null"}},
             {{"Origin", "https://evil.example"}},
             {{"Origin", "http://nectr.example.com"}},
             {{"Origin", "https://nectr.example.com.evil.example"}},
             {{"Origin", "http://localhost:5174"}},
             {{"Referer", "https://evil.example/https://nectr.example.com/"}},
             {{"Origin", "https://evil.example"}, {"Referer", "https://nectr.example.com/"}}}) {
        auto result = CheckSameOrigin(With(headers), kTrusted);
        ASSERT_FALSE(result) << (headers.empty() ? "no header" : headers[0].value);
        EXPECT_EQ(result.error().code, core::Errc::kForbidden);
    }
}

}  // namespace
}  // namespace nectr::auth
