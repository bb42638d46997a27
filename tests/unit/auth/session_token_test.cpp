#include "auth/session_token.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "auth/base64url.hpp"
#include "auth/primitives.hpp"
#include "auth_test_support.hpp"

namespace nectr::auth {
namespace {

using testing::FakeClock;
using testing::RunNodeJson;
namespace json = boost::json;

constexpr std::int64_t kNow = 1'700'000'000;
constexpr const char* kIssuer = "https://nectr.example.com";
constexpr std::chrono::seconds kTtl = std::chrono::hours(168);

std::string B64(std::string_view bytes) { return EncodeBase64Url(bytes, Base64Padding::kWithout); }

// A JWT made by hand, for the shapes Issue never makes.
std::string CraftJwt(const std::string& header, const json::object& payload, const Key32& key) {
    const std::string signed_part = B64(header) + "." + B64(json::serialize(payload));
    const Digest32 mac = HmacSha256(key, signed_part);
    return signed_part + "." +
           B64(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

json::object GoodClaims() {
    return json::object{{"sub", "42"}, {"login", "octocat"}, {"jti", "0123abcd"},
                        {"iat", kNow}, {"exp", kNow + 3600}, {"iss", kIssuer}};
}

std::string KeyBytes(const Key32& key) {
    return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

class SessionTokenTest : public ::testing::Test {
protected:
    static KeyRing Ring(std::string current, std::vector<std::string> previous = {}) {
        auto ring = KeyRing::Create(std::move(current), std::move(previous));
        EXPECT_TRUE(ring);
        return *ring;
    }

    // Verifies with `jsonwebtoken` (tests/node/verify_jwt.mjs) under `key` at `clock_seconds`.
    static json::value VerifyWithJsonwebtoken(const std::string& token, const Key32& key,
                                              std::int64_t clock_seconds) {
        nectr::testing::TempDir dir;
        testing::WriteFile(dir.Path() + "/token", token);
        testing::WriteFile(dir.Path() + "/key", KeyBytes(key));
        return RunNodeJson("verify_jwt.mjs", {dir.Path() + "/token", dir.Path() + "/key",
                                              std::to_string(clock_seconds), "HS256"});
    }

    // Signs `claims` with `jsonwebtoken` (tests/node/sign_jwt.mjs) under `key`.
    static std::string SignWithJsonwebtoken(const json::object& claims, const Key32& key) {
        nectr::testing::TempDir dir;
        testing::WriteFile(dir.Path() + "/claims.json", json::serialize(claims));
        testing::WriteFile(dir.Path() + "/key", KeyBytes(key));
        const json::value answer =
            RunNodeJson("sign_jwt.mjs", {dir.Path() + "/claims.json", dir.Path() + "/key"});
        EXPECT_TRUE(answer.is_object() && answer.as_object().contains("token"))
            << json::serialize(answer);
        return answer.is_object() && answer.as_object().contains("token")
                   ? std::string(answer.at("token").as_string())
                   : std::string();
    }

    void ExpectUnauthorized(const std::string& token, std::string_view detail_part) {
        auto claims = signer.Verify(token);
        ASSERT_FALSE(claims) << "accepted: " << token;
        EXPECT_EQ(claims.error().code, core::Errc::kUnauthorized);
        EXPECT_NE(claims.error().detail.find(detail_part), std::string::npos)
            << claims.error().detail;
        if (!token.empty()) {
            EXPECT_EQ(claims.error().detail.find(token), std::string::npos)
                << "the token must not be echoed";
        }
    }

    FakeClock clock{kNow};
    KeyRing ring = Ring("current-secret", {"previous-secret"});
    SessionSigner signer{ring, kIssuer, kTtl, clock};
    Key32 key = ring.CurrentKey(kSessionJwtPurpose);
};

TEST_F(SessionTokenTest, IssuesATokenThatItVerifies) {
    const IssuedSession issued = signer.IssueSession(42, "octocat");
    auto claims = signer.Verify(issued.token);
    ASSERT_TRUE(claims) << claims.error().detail;
    EXPECT_EQ(claims->user_id, 42);
    EXPECT_EQ(claims->login, "octocat");
    EXPECT_EQ(claims->issued_at, kNow);
    EXPECT_EQ(claims->expires_at, kNow + kTtl.count());
    EXPECT_EQ(claims->jti, issued.claims.jti);
    EXPECT_EQ(claims->jti.size(), 32U);
    EXPECT_EQ(claims->jti.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(signer.Issue(42, "octocat"), signer.Issue(42, "octocat")) << "jti is fresh each time";
}

TEST_F(SessionTokenTest, JsonwebtokenVerifiesOurTokensAndReadsTheClaims) {
    const std::string token = signer.Issue(7, "hubot");
    const json::value verified = VerifyWithJsonwebtoken(token, key, kNow + 60);
    ASSERT_TRUE(verified.is_object());
    ASSERT_TRUE(verified.as_object().contains("payload")) << json::serialize(verified);
    EXPECT_EQ(verified.at("header").at("alg"), "HS256");
    EXPECT_EQ(verified.at("header").at("typ"), "JWT");
    const json::value& payload = verified.at("payload");
    EXPECT_EQ(payload.at("sub"), "7") << "sub is a string, as RFC 7519 has it";
    EXPECT_EQ(payload.at("login"), "hubot");
    EXPECT_EQ(payload.at("iss"), kIssuer);
    EXPECT_EQ(payload.at("iat"), kNow);
    EXPECT_EQ(payload.at("exp"), kNow + kTtl.count());
    EXPECT_EQ(payload.at("jti").as_string().size(), 32U);
}

TEST_F(SessionTokenTest, JsonwebtokenRejectsOurTokensWhenExpiredOrUnderAnotherKey) {
    const std::string token = signer.Issue(7, "hubot");
    const json::value late = VerifyWithJsonwebtoken(token, key, kNow + kTtl.count() + 1);
    EXPECT_EQ(late.at("error"), "TokenExpiredError") << json::serialize(late);
    const json::value forged =
        VerifyWithJsonwebtoken(token, ring.KeysFor(kSessionJwtPurpose)[1], kNow);
    EXPECT_EQ(forged.at("error"), "JsonWebTokenError") << json::serialize(forged);
}

TEST_F(SessionTokenTest, VerifiesTokensSignedByJsonwebtoken) {
    const std::string token = SignWithJsonwebtoken(GoodClaims(), key);
    auto claims = signer.Verify(token);
    ASSERT_TRUE(claims) << claims.error().detail;
    EXPECT_EQ(claims->user_id, 42);
    EXPECT_EQ(claims->login, "octocat");
    EXPECT_EQ(claims->jti, "0123abcd");
    EXPECT_EQ(claims->expires_at, kNow + 3600);

    const std::string wrong_key =
        SignWithJsonwebtoken(GoodClaims(), DeriveKey("current-secret", "oauth-state"));
    ExpectUnauthorized(wrong_key, "signature");
}

TEST_F(SessionTokenTest, AcceptsTokensSignedWithAPreviousSecret) {
    FakeClock same_clock(kNow);
    const KeyRing old_ring = Ring("previous-secret");
    const SessionSigner old_signer(old_ring, kIssuer, kTtl, same_clock);
    auto claims = signer.Verify(old_signer.Issue(5, "rotated"));
    ASSERT_TRUE(claims) << claims.error().detail;
    EXPECT_EQ(claims->login, "rotated");

    const SessionSigner retired(Ring("retired-secret"), kIssuer, kTtl, same_clock);
    ExpectUnauthorized(retired.Issue(5, "rotated"), "signature");
}

TEST_F(SessionTokenTest, RejectsATamperedToken) {
    const std::string token = signer.Issue(42, "octocat");
    const std::size_t dot = token.find('.');
    json::object escalated = GoodClaims();
    escalated["sub"] = "1";
    const std::string swapped_payload =
        token.substr(0, dot + 1) + B64(json::serialize(escalated)) + token.substr(token.rfind('.'));
    ExpectUnauthorized(swapped_payload, "signature");

    std::string flipped = token;
    flipped.back() = flipped.back() == 'A' ? 'Q' : 'A';
    ExpectUnauthorized(flipped, "");
}

TEST_F(SessionTokenTest, RejectsAlgNoneAndOtherAlgorithms) {
    const std::string unsigned_token =
        B64(R"({"alg":"none","typ":"JWT"})") + "." + B64(json::serialize(GoodClaims())) + ".";
    ExpectUnauthorized(unsigned_token, "HS256");
    ExpectUnauthorized(CraftJwt(R"({"alg":"none"})", GoodClaims(), key), "HS256");
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS512"})", GoodClaims(), key), "HS256");
    ExpectUnauthorized(CraftJwt(R"({"typ":"JWT"})", GoodClaims(), key), "HS256");
    EXPECT_TRUE(signer.Verify(CraftJwt(R"({"alg":"HS256"})", GoodClaims(), key)))
        << "typ is optional";
}

TEST_F(SessionTokenTest, RejectsExpiredTokensAfterTheLeeway) {
    const std::string token = signer.Issue(42, "octocat");
    clock.Advance(kTtl + std::chrono::seconds(30));
    EXPECT_TRUE(signer.Verify(token)) << "30 s of leeway";
    clock.Advance(std::chrono::seconds(1));
    ExpectUnauthorized(token, "expired");
}

TEST_F(SessionTokenTest, RejectsAnotherIssuer) {
    json::object claims = GoodClaims();
    claims["iss"] = "https://other.example.com";
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", claims, key), "issued by another");
    claims["iss"] = 7;
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", claims, key), "issued by another");
}

TEST_F(SessionTokenTest, RejectsMissingOrMistypedClaims) {
    for (const char* name : {"sub", "login", "jti", "iat", "exp", "iss"}) {
        json::object claims = GoodClaims();
        claims.erase(name);
        ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", claims, key), "lacks a claim");
    }
    json::object numeric_sub = GoodClaims();
    numeric_sub["sub"] = 42;
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", numeric_sub, key), "lacks a claim");
    json::object string_exp = GoodClaims();
    string_exp["exp"] = "tomorrow";
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", string_exp, key), "lacks a claim");
    for (const char* sub : {"0", "-4", "042", "4x", "99999999999999999999", ""}) {
        json::object claims = GoodClaims();
        claims["sub"] = sub;
        ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", claims, key), "not a user id");
    }
}

TEST_F(SessionTokenTest, RejectsTokensThatAreNotValidYet) {
    json::object claims = GoodClaims();
    claims["nbf"] = kNow + 31;
    ExpectUnauthorized(CraftJwt(R"({"alg":"HS256"})", claims, key), "not valid yet");
    claims["nbf"] = kNow + 30;
    EXPECT_TRUE(signer.Verify(CraftJwt(R"({"alg":"HS256"})", claims, key)));
}

TEST_F(SessionTokenTest, RejectsMalformedTokens) {
    const std::string good = signer.Issue(42, "octocat");
    for (const std::string& token :
         {std::string(), std::string("not-a-jwt"), std::string("a.b"), good + ".extra",
          std::string("%%%.e30.sig"), B64("not json") + "." + B64("{}") + ".",
          B64("[1]") + "." + B64("{}") + ".", good.substr(0, good.find('.')) + ".@@@.abc",
          std::string(9000, 'a') + "." + std::string(10, 'b') + ".c"}) {
        ExpectUnauthorized(token, "");
    }
    const std::string header_and_payload = good.substr(0, good.rfind('.'));
    const std::string bad_payload = CraftJwt(R"({"alg":"HS256"})", {}, key);
    ExpectUnauthorized(bad_payload, "lacks a claim");
    ExpectUnauthorized(header_and_payload + ".", "signature");
}

}  // namespace
}  // namespace nectr::auth
