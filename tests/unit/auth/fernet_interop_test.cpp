// Fernet tokens exchanged with the npm `fernet` package (tests/node/fernet_peer.mjs), an
// implementation written apart from ours, in both directions.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "auth/fernet.hpp"
#include "auth/key_ring.hpp"
#include "auth_test_support.hpp"

namespace nectr::auth {
namespace {

using testing::RunNodeJson;
namespace json = boost::json;

constexpr std::int64_t kNow = 1'700'000'000;

class FernetInteropTest : public ::testing::Test {
protected:
    const Key32 key = DeriveKey("q8Vh2mZk4TnR7wLx9PbC3sYd6FgJ1aUeK0oNiHt5", "token-encryption");
    const std::string key_text = FernetKeyToString(key);
};

TEST_F(FernetInteropTest, TheNodePackageDecryptsOurTokens) {
    for (const std::string& plaintext :
         std::vector<std::string>{"gho_16C7e42F292c6912E7710c838347Ae178B4a", "",
                                  "münchen 🐝 \"quoted\"\nline two", std::string(1000, 'z')}) {
        const std::string token = FernetEncrypt(key, plaintext, kNow);
        const json::value answer = RunNodeJson("fernet_peer.mjs", {"decrypt", key_text}, token);
        ASSERT_TRUE(answer.is_object());
        ASSERT_TRUE(answer.as_object().contains("plaintext")) << json::serialize(answer);
        EXPECT_EQ(answer.at("plaintext").as_string(), plaintext);
    }
}

TEST_F(FernetInteropTest, TheNodePackageRefusesOurTokenUnderAnotherKey) {
    const std::string token = FernetEncrypt(key, "secret", kNow);
    const std::string other = FernetKeyToString(DeriveKey("another secret", "token-encryption"));
    const json::value answer = RunNodeJson("fernet_peer.mjs", {"decrypt", other}, token);
    ASSERT_TRUE(answer.is_object());
    EXPECT_TRUE(answer.as_object().contains("error")) << json::serialize(answer);
}

TEST_F(FernetInteropTest, WeDecryptTheNodePackagesTokens) {
    const std::string plaintext = "ghu_refresh 🔑 ünïcode";
    const json::value answer =
        RunNodeJson("fernet_peer.mjs", {"encrypt", key_text, std::to_string(kNow)}, plaintext);
    ASSERT_TRUE(answer.is_object());
    ASSERT_TRUE(answer.as_object().contains("token")) << json::serialize(answer);
    const std::string token(answer.at("token").as_string());

    EXPECT_EQ(FernetTimestamp(token), kNow) << "the package stamps the time it was given";
    auto opened = FernetDecrypt(key, token, kNow + 30, 60);
    ASSERT_TRUE(opened) << opened.error().detail;
    EXPECT_EQ(*opened, plaintext);
    EXPECT_FALSE(FernetDecrypt(key, token, kNow + 61, 60)) << "our ttl applies to its stamp";
    EXPECT_FALSE(FernetDecrypt(DeriveKey("another secret", "token-encryption"), token, kNow));
}

}  // namespace
}  // namespace nectr::auth
