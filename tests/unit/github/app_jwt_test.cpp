// The GitHub App JWT, checked by the `jsonwebtoken` package (npm) as an independent verifier.
#include "github/app_jwt.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <fstream>

#include "github_test_support.hpp"
#include "support/process.hpp"

namespace nectr::github {
namespace {

using core::Errc;
namespace json = boost::json;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

// Runs tests/node/verify_jwt.mjs with the clock at `clock_seconds`; returns its JSON line.
json::value VerifyWithJsonwebtoken(const std::string& token, const std::string& public_pem,
                                   std::int64_t clock_seconds) {
    nectr::testing::TempDir dir;
    std::ofstream(dir.Path() + "/token") << token;
    std::ofstream(dir.Path() + "/key.pem") << public_pem;
    const std::string node_dir = std::filesystem::path(NECTR_NODE_MODULES).parent_path().string();
    auto result = nectr::testing::RunCommand(
        {"/usr/bin/env", "node", node_dir + "/verify_jwt.mjs", dir.Path() + "/token",
         dir.Path() + "/key.pem", std::to_string(clock_seconds)},
        {}, std::chrono::seconds(60), node_dir);
    EXPECT_EQ(result.exit_code, 0)
        << "node failed (run scripts/bootstrap.sh --test): " << result.err;
    boost::system::error_code ec;
    json::value line = json::parse(result.out, ec);
    EXPECT_FALSE(ec) << "not JSON: " << result.out;
    return line;
}

class AppJwtTest : public ::testing::Test {
protected:
    void SetUp() override {
        keys = testing::MakeRsaKeyPair();
        ASSERT_FALSE(keys.private_pem.empty()) << "OpenSSL could not make an RSA key";
        ASSERT_NE(keys.private_pem.find("BEGIN RSA PRIVATE KEY"), std::string::npos);
    }
    testing::RsaKeyPair keys;
};

TEST_F(AppJwtTest, JsonwebtokenAcceptsTheSignatureAndReadsGitHubsClaims) {
    auto key = AppKey::Load("123456", keys.private_pem);
    ASSERT_TRUE(key) << key.error().detail;
    auto jwt = key->MakeJwt(kNow);
    ASSERT_TRUE(jwt) << jwt.error().detail;

    const json::value verified = VerifyWithJsonwebtoken(*jwt, keys.public_pem, 1'700'000'000);
    ASSERT_TRUE(verified.is_object());
    ASSERT_TRUE(verified.as_object().contains("payload")) << json::serialize(verified);
    EXPECT_EQ(verified.at("header").at("alg"), "RS256");
    EXPECT_EQ(verified.at("header").at("typ"), "JWT");
    EXPECT_EQ(verified.at("payload").at("iss"), 123456) << "a numeric app id is sent as a number";
    EXPECT_EQ(verified.at("payload").at("iat"), 1'700'000'000 - 60);
    EXPECT_EQ(verified.at("payload").at("exp"), 1'700'000'000 + 9 * 60);
}

TEST_F(AppJwtTest, JsonwebtokenRejectsItOnceExpiredOrUnderAnotherKey) {
    auto key = AppKey::Load("Iv1.8a61f9b3a7aba766", keys.private_pem);
    ASSERT_TRUE(key) << key.error().detail;
    auto jwt = key->MakeJwt(kNow);
    ASSERT_TRUE(jwt);

    const json::value late = VerifyWithJsonwebtoken(*jwt, keys.public_pem, 1'700'000'000 + 600);
    EXPECT_EQ(late.at("error"), "TokenExpiredError") << json::serialize(late);

    const testing::RsaKeyPair other = testing::MakeRsaKeyPair();
    const json::value forged = VerifyWithJsonwebtoken(*jwt, other.public_pem, 1'700'000'000);
    EXPECT_EQ(forged.at("error"), "JsonWebTokenError") << json::serialize(forged);

    const json::value fine = VerifyWithJsonwebtoken(*jwt, keys.public_pem, 1'700'000'000);
    EXPECT_EQ(fine.at("payload").at("iss"), "Iv1.8a61f9b3a7aba766")
        << "a client id is sent as a string";
}

TEST_F(AppJwtTest, RefusesKeysThatCannotSignRs256WithoutEchoingThem) {
    auto garbage = AppKey::Load("1", "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, Errc::kInvalidInput);
    EXPECT_EQ(garbage.error().detail.find("not a key"), std::string::npos);

    EXPECT_EQ(AppKey::Load("1", keys.public_pem).error().code, Errc::kInvalidInput)
        << "a public key cannot sign";
    EXPECT_EQ(AppKey::Load("", keys.private_pem).error().code, Errc::kInvalidInput);

    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec_key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    ASSERT_EQ(
        PEM_write_bio_PrivateKey(bio.get(), ec_key.get(), nullptr, nullptr, 0, nullptr, nullptr),
        1);
    auto ec = AppKey::Load("1", testing::ReadBio(bio.get()));
    ASSERT_FALSE(ec);
    EXPECT_NE(ec.error().detail.find("not an RSA key"), std::string::npos) << ec.error().detail;
}

}  // namespace
}  // namespace nectr::github
