#include "api/page_cursor.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace nectr::api {
namespace {

TEST(PageCursorTest, RoundTripsAnyPositiveId) {
    for (std::int64_t id : {std::int64_t{1}, std::int64_t{42}, std::int64_t{1'000'000'007},
                            std::numeric_limits<std::int64_t>::max()}) {
        const std::string cursor = EncodePageCursor(id);
        EXPECT_EQ(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789-_"),
                  std::string::npos)
            << cursor << " must need no escaping in a URL";
        core::Result<std::int64_t> decoded = DecodePageCursor(cursor);
        ASSERT_TRUE(decoded) << cursor << ": " << decoded.error().detail;
        EXPECT_EQ(*decoded, id);
    }
}

TEST(PageCursorTest, IsNotThePlainIdSoClientsTreatItAsOpaque) {
    EXPECT_NE(EncodePageCursor(42), "42");
}

TEST(PageCursorTest, RefusesWhatItDidNotIssue) {
    for (const std::string& bad : {std::string(), std::string("42"), std::string("not a cursor"),
                                   std::string("a+b/"), EncodePageCursor(0), EncodePageCursor(-5),
                                   EncodePageCursor(7) + "=", std::string(40, 'M')}) {
        core::Result<std::int64_t> decoded = DecodePageCursor(bad);
        EXPECT_FALSE(decoded) << "'" << bad << "' decoded to " << (decoded ? *decoded : 0);
        if (!decoded) {
            EXPECT_EQ(decoded.error().code, core::Errc::kInvalidInput);
        }
    }
}

}  // namespace
}  // namespace nectr::api
