#include "webhooks/authenticate.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"
#include "webhooks/signature.hpp"

namespace nectr::webhooks {
namespace {

constexpr std::string_view kRepositorySecret = "repository-secret";
constexpr std::string_view kAppSecret = "app-secret";

Delivery SignedPullRequest(std::string_view secret) {
    const std::string body = boost::json::serialize(testing::ExampleOf("pull_request", "opened"));
    DeliveryHeaders headers = testing::JsonHeaders("pull_request");
    headers.signature = SignBody(secret, body);
    auto delivery = ParseDelivery(headers, body);
    EXPECT_TRUE(delivery) << delivery.error().detail;
    return delivery ? std::move(*delivery) : Delivery{};
}

TEST(WebhookAuthenticationTest, AcceptsTheRepositorysOwnSecret) {
    EXPECT_TRUE(AuthenticateDelivery(SignedPullRequest(kRepositorySecret),
                                     {.repository = kRepositorySecret, .app = ""}));
}

TEST(WebhookAuthenticationTest, FallsBackToTheAppWideSecret) {
    EXPECT_TRUE(
        AuthenticateDelivery(SignedPullRequest(kAppSecret), {.repository = "", .app = kAppSecret}));
    EXPECT_TRUE(AuthenticateDelivery(SignedPullRequest(kAppSecret),
                                     {.repository = kRepositorySecret, .app = kAppSecret}))
        << "App deliveries for a repository with its own hook are signed with the app secret";
}

TEST(WebhookAuthenticationTest, AnswersNotFoundWhenNoSecretIsConfigured) {
    auto result = AuthenticateDelivery(SignedPullRequest(kAppSecret), {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kNotFound);
    EXPECT_NE(result.error().detail.find("Codertocat/Hello-World"), std::string::npos);
}

TEST(WebhookAuthenticationTest, RejectsAMissingSignature) {
    Delivery delivery = SignedPullRequest(kRepositorySecret);
    delivery.signature.clear();
    auto result = AuthenticateDelivery(delivery, {.repository = kRepositorySecret, .app = ""});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kUnauthorized);
}

TEST(WebhookAuthenticationTest, RejectsASignatureFromAnotherSecret) {
    auto result = AuthenticateDelivery(SignedPullRequest("someone-else"),
                                       {.repository = kRepositorySecret, .app = kAppSecret});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::kUnauthorized);
}

TEST(WebhookAuthenticationTest, ChecksTheRawFormBodyNotTheDecodedPayload) {
    const std::string payload = R"({"zen":"Design for failure.","hook_id":7})";
    const std::string body =
        "payload=%7B%22zen%22%3A%22Design+for+failure.%22%2C%22hook_id%22%3A7%7D";
    DeliveryHeaders headers = testing::JsonHeaders("ping");
    headers.content_type = "application/x-www-form-urlencoded";
    headers.signature = SignBody(kAppSecret, body);
    auto delivery = ParseDelivery(headers, body);
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_EQ(delivery->payload_json, payload);
    EXPECT_TRUE(AuthenticateDelivery(*delivery, {.repository = "", .app = kAppSecret}));
    delivery->signature = SignBody(kAppSecret, payload);
    EXPECT_FALSE(AuthenticateDelivery(*delivery, {.repository = "", .app = kAppSecret}))
        << "GitHub signs the HTTP body as sent, form encoding included";
}

}  // namespace
}  // namespace nectr::webhooks
