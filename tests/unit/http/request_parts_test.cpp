#include "http/request_parts.hpp"

#include <gtest/gtest.h>

#include <set>

namespace nectr::http {
namespace {

TEST(HttpRequestPartsTest, SplitsAnOriginFormTargetAndDecodesOnlyThePath) {
    auto target = ParseTarget("/repos/a%20b/x?q=a%20b&r=1");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/repos/a b/x");
    EXPECT_EQ(target->query, "q=a%20b&r=1") << "the query stays encoded for QueryParam";
}

TEST(HttpRequestPartsTest, AcceptsTheAbsoluteFormProxiesSend) {
    auto target = ParseTarget("http://example.com:8080/health?x=1");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/health");
    EXPECT_EQ(target->query, "x=1");
    auto bare = ParseTarget("http://example.com");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->path, "/");
}

TEST(HttpRequestPartsTest, RejectsBadPercentEncodingAndNulBytes) {
    for (const char* bad : {"/a%zz", "/a%2", "/a?q=%g1", "/a%00b", "*", "relative/path", ""}) {
        auto target = ParseTarget(bad);
        ASSERT_FALSE(target) << bad << " must be rejected";
        EXPECT_EQ(target.error().code, core::Errc::kInvalidInput) << bad;
    }
}

TEST(HttpRequestPartsTest, AcceptsOnlySafeRequestIds) {
    EXPECT_TRUE(IsAcceptableRequestId("abc-123_X.y"));
    EXPECT_TRUE(IsAcceptableRequestId(std::string(kMaxRequestIdLength, 'a')));
    EXPECT_FALSE(IsAcceptableRequestId(""));
    EXPECT_FALSE(IsAcceptableRequestId(std::string(kMaxRequestIdLength + 1, 'a')));
    EXPECT_FALSE(IsAcceptableRequestId("has space"));
    EXPECT_FALSE(IsAcceptableRequestId("new\nline")) << "ids reach the logs";
    EXPECT_FALSE(IsAcceptableRequestId("quote\""));
}

TEST(HttpRequestPartsTest, GeneratesSixteenHexCharactersThatDiffer) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string id = GenerateRequestId();
        ASSERT_EQ(id.size(), 16u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100u) << "ids repeat";
}

TEST(HttpRequestPartsTest, KeepsTheClientsIdOnlyWhenItIsAcceptable) {
    EXPECT_EQ(ChooseRequestId("client-id-1"), "client-id-1");
    EXPECT_NE(ChooseRequestId("bad id"), "bad id");
    EXPECT_EQ(ChooseRequestId("bad id").size(), 16u);
    EXPECT_EQ(ChooseRequestId(std::nullopt).size(), 16u);
}

}  // namespace
}  // namespace nectr::http
