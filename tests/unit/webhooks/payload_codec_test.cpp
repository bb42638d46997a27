#include "webhooks/payload_codec.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace nectr::webhooks {
namespace {

std::string SamplePayload() {
    std::string payload = R"({"action":"opened","pull_request":{"body":")";
    for (int i = 0; i < 500; ++i) {
        payload += "line " + std::to_string(i) + " of a description\\n";
    }
    return payload + R"("}})";
}

TEST(PayloadCodecTest, StoresZstdAndReadsItBack) {
    const std::string payload = SamplePayload();
    const EncodedPayload encoded = EncodePayload(payload);
    EXPECT_EQ(encoded.encoding, "zstd");
    EXPECT_LT(encoded.bytes.size(), payload.size() / 4);
    auto decoded = DecodePayload(encoded.bytes, encoded.encoding);
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, payload);
}

TEST(PayloadCodecTest, EmptyPayloadRoundTrips) {
    const EncodedPayload encoded = EncodePayload("");
    auto decoded = DecodePayload(encoded.bytes, encoded.encoding);
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, "");
}

// Rows written by builds that stored zlib stay readable.
TEST(PayloadCodecTest, ReadsZlibRowsOfOlderBuilds) {
    const std::string payload = SamplePayload();
    uLongf size = compressBound(static_cast<uLong>(payload.size()));
    std::string zlib(size, '\0');
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(zlib.data()), &size,
                        reinterpret_cast<const Bytef*>(payload.data()),
                        static_cast<uLong>(payload.size()), 1),
              Z_OK);
    zlib.resize(size);
    auto decoded = DecodePayload(zlib, "zlib");
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, payload);
}

TEST(PayloadCodecTest, CorruptOrUnknownEncodingsAreErrors) {
    EncodedPayload encoded = EncodePayload(SamplePayload());
    encoded.bytes.resize(encoded.bytes.size() / 2);
    auto truncated = DecodePayload(encoded.bytes, "zstd");
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, core::Errc::kInternal);
    EXPECT_FALSE(DecodePayload("not zlib at all", "zlib"));
    auto unknown = DecodePayload("x", "brotli");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().detail.find("brotli"), std::string::npos);
    EXPECT_EQ(*DecodePayload("{}", "identity"), "{}");
}

}  // namespace
}  // namespace nectr::webhooks
