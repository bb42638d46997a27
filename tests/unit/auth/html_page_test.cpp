// The sign-in error pages.
#include "auth/html_page.hpp"

#include <gtest/gtest.h>

namespace nectr::auth {
namespace {

TEST(SignInErrorPageTest, EscapesItsTextAndIsNeverCached) {
    http::Response page = SignInErrorPage(400, "A <title>", "It's \"odd\" & <script>x</script>");
    EXPECT_EQ(page.status, 400);
    EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(page.Header("Cache-Control"), "no-store");
    EXPECT_TRUE(page.Header("Content-Security-Policy"));
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);
    EXPECT_NE(page.body.find("It&#39;s &quot;odd&quot; &amp; &lt;script&gt;"), std::string::npos);
    EXPECT_NE(page.body.find("A &lt;title&gt;"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/auth/github\""), std::string::npos);
}

}  // namespace
}  // namespace nectr::auth
