#include "core/time_format.hpp"

#include <gtest/gtest.h>

namespace nectr::core {
namespace {

TEST(TimeFormatTest, PrintsUnixMillisecondsAsUtcIso8601) {
    EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatUtcMillis(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
    EXPECT_EQ(FormatUtcMillis(951'782'400'000), "2000-02-29T00:00:00.000Z") << "a leap day";
}

TEST(TimeFormatTest, KeepsMillisecondsPositiveBeforeTheEpoch) {
    EXPECT_EQ(FormatUtcMillis(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace nectr::core
