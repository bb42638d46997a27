#include "api/operator_auth.hpp"

#include <gtest/gtest.h>

namespace nectr::api {
namespace {

constexpr const char* kToken = "operator-token-0123456789";

http::Request WithAuthorization(std::optional<std::string> value) {
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/events";
    if (value) {
        request.headers.push_back({"Authorization", *value});
    }
    return request;
}

TEST(OperatorAuthTest, AdmitsTheConfiguredBearerToken) {
    EXPECT_TRUE(CheckOperatorToken(WithAuthorization(std::string("Bearer ") + kToken), kToken));
    EXPECT_TRUE(CheckOperatorToken(WithAuthorization(std::string("bearer  ") + kToken), kToken))
        << "the scheme is case-insensitive (RFC 7235) and extra blanks are tolerated";
}

TEST(OperatorAuthTest, RefusesAMissingMalformedOrWrongToken) {
    for (const std::optional<std::string>& header :
         {std::optional<std::string>(), std::optional<std::string>(kToken),
          std::optional<std::string>(std::string("Basic ") + kToken),
          std::optional<std::string>("Bearer "),
          std::optional<std::string>(std::string("Bearer ") + kToken + "x"),
          std::optional<std::string>(std::string("Bearer ") + std::string(kToken).substr(0, 10))}) {
        core::Result<void> admitted = CheckOperatorToken(WithAuthorization(header), kToken);
        ASSERT_FALSE(admitted) << header.value_or("(no header)");
        EXPECT_EQ(admitted.error().code, core::Errc::kUnauthorized)
            << header.value_or("(no header)");
        EXPECT_EQ(admitted.error().detail.find(kToken), std::string::npos)
            << "the message must not echo the token";
    }
}

TEST(OperatorAuthTest, ANotConfiguredTokenIsForbiddenAndSaysWhatToSet) {
    core::Result<void> admitted = CheckOperatorToken(WithAuthorization("Bearer "), "");
    ASSERT_FALSE(admitted) << "an empty token must never match an empty configuration";
    EXPECT_EQ(admitted.error().code, core::Errc::kForbidden);
    EXPECT_NE(admitted.error().detail.find("ADMIN_API_TOKEN"), std::string::npos);
}

TEST(OperatorAuthTest, TheFailureResponseChallengesOnlyFor401) {
    http::Response unauthorized =
        OperatorAuthFailure(core::MakeError(core::Errc::kUnauthorized, "no"));
    EXPECT_EQ(unauthorized.status, 401);
    EXPECT_EQ(unauthorized.Header("WWW-Authenticate").value_or(""), "Bearer realm=\"nectr\"");
    http::Response forbidden = OperatorAuthFailure(core::MakeError(core::Errc::kForbidden, "no"));
    EXPECT_EQ(forbidden.status, 403);
    EXPECT_FALSE(forbidden.Header("WWW-Authenticate"));
}

}  // namespace
}  // namespace nectr::api
