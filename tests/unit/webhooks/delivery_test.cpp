#include "webhooks/delivery.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"

namespace nectr::webhooks {
namespace {

namespace json = boost::json;
using testing::ExampleOf;
using testing::JsonHeaders;

// application/x-www-form-urlencoded encoding of `text`, as GitHub's form deliveries use.
std::string FormEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '*') {
            out.push_back(static_cast<char>(c));
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0F]);
        }
    }
    return out;
}

DeliveryHeaders FormHeaders(std::string event) {
    DeliveryHeaders headers = JsonHeaders(std::move(event));
    headers.content_type = "application/x-www-form-urlencoded";
    return headers;
}

TEST(WebhookDeliveryTest, ExtractsTheCommonFieldsOfAPullRequestDelivery) {
    DeliveryHeaders headers = JsonHeaders("pull_request");
    headers.signature = "sha256=abc";
    headers.hook_id = "292430182";
    auto delivery = ParseDelivery(headers, json::serialize(ExampleOf("pull_request", "opened")));
    ASSERT_TRUE(delivery) << delivery.error().detail;
    EXPECT_EQ(delivery->event, "pull_request");
    EXPECT_EQ(delivery->action, "opened");
    EXPECT_EQ(delivery->delivery_id, headers.delivery_id);
    EXPECT_EQ(delivery->signature, "sha256=abc");
    EXPECT_EQ(delivery->hook_id, "292430182");
    EXPECT_EQ(delivery->repository_full_name, "Codertocat/Hello-World");
    EXPECT_EQ(delivery->repository_id, 186853002);
    EXPECT_EQ(delivery->default_branch, "master");
    EXPECT_EQ(delivery->sender_login, "Codertocat");
    EXPECT_EQ(delivery->sender_type, "User");
    ASSERT_TRUE(delivery->pull_request.has_value());
    EXPECT_EQ(delivery->pull_request->number, 2);
    EXPECT_EQ(delivery->pull_request->head_ref, "changes");
    EXPECT_FALSE(delivery->push.has_value()) << "only the struct for the event is filled";
    EXPECT_EQ(EventKey(*delivery), "pull_request.opened");
    EXPECT_EQ(delivery->SignedBody(), delivery->payload_json);
}

TEST(WebhookDeliveryTest, DecodesAFormEncodedDeliveryAndKeepsTheRawBodyForTheSignature) {
    const std::string payload = json::serialize(ExampleOf("pull_request", "synchronize"));
    const std::string body = "payload=" + FormEncode(payload);
    auto delivery = ParseDelivery(FormHeaders("pull_request"), body);
    ASSERT_TRUE(delivery) << delivery.error().detail;
    EXPECT_EQ(delivery->payload_json, payload) << "the form field must decode to the JSON";
    EXPECT_EQ(delivery->SignedBody(), body) << "the signature is over the body as received";
    EXPECT_EQ(delivery->action, "synchronize");
    ASSERT_TRUE(delivery->pull_request.has_value());
    EXPECT_EQ(delivery->pull_request->number, 2);
}

TEST(WebhookDeliveryTest, FindsThePayloadFieldAmongOtherFormFields) {
    auto delivery = ParseDelivery(FormHeaders("ping"),
                                  "other=1&payload=" + FormEncode(R"({"zen":"a b+c"})") + "&x=2");
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_TRUE(delivery->ping.has_value());
    EXPECT_EQ(delivery->ping->zen, "a b+c");
}

TEST(WebhookDeliveryTest, RejectsAFormBodyWithoutAPayloadField) {
    auto delivery = ParseDelivery(FormHeaders("ping"), "payloads=%7B%7D&zen=x");
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput);
}

TEST(WebhookDeliveryTest, RejectsABrokenPercentEscapeInTheForm) {
    for (const char* body : {"payload=%7B%7", "payload=%zz", "payload=%"}) {
        auto delivery = ParseDelivery(FormHeaders("ping"), body);
        ASSERT_FALSE(delivery) << body;
        EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput) << body;
    }
}

TEST(WebhookDeliveryTest, AcceptsContentTypeParametersAndAnyCase) {
    for (const char* type : {"application/json; charset=utf-8", "Application/JSON",
                             " application/json ;charset=UTF-8"}) {
        DeliveryHeaders headers = JsonHeaders("ping");
        headers.content_type = type;
        EXPECT_TRUE(ParseDelivery(headers, R"({"zen":"z"})")) << type;
    }
}

TEST(WebhookDeliveryTest, RejectsAnUnsupportedOrMissingContentTypeWith415) {
    for (const char* type : {"text/plain", "", "application/jsonx", "multipart/form-data"}) {
        DeliveryHeaders headers = JsonHeaders("ping");
        headers.content_type = type;
        auto delivery = ParseDelivery(headers, R"({"zen":"z"})");
        ASSERT_FALSE(delivery) << type;
        EXPECT_EQ(delivery.error().code, core::Errc::kUnsupportedMediaType) << type;
    }
}

TEST(WebhookDeliveryTest, RejectsMalformedJsonWithoutQuotingTheBody) {
    const std::string body = R"({"action":"opened","token":"ghp_SECRETMARKER",)";
    auto delivery = ParseDelivery(JsonHeaders("pull_request"), body);
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(delivery.error().detail.find("not valid JSON"), std::string::npos)
        << delivery.error().detail;
    EXPECT_EQ(delivery.error().detail.find("SECRETMARKER"), std::string::npos)
        << "error details reach logs and must never quote the payload";
}

TEST(WebhookDeliveryTest, RejectsAPayloadThatIsNotAJsonObject) {
    for (const char* body : {"[]", "\"text\"", "42", "null", ""}) {
        auto delivery = ParseDelivery(JsonHeaders("ping"), body);
        ASSERT_FALSE(delivery) << body;
        EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput) << body;
    }
}

TEST(WebhookDeliveryTest, RejectsJsonNestedDeeperThanTheParserLimit) {
    const std::string body = R"({"a":)" + std::string(500, '[') + std::string(500, ']') + "}";
    auto delivery = ParseDelivery(JsonHeaders("ping"), body);
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput);
}

TEST(WebhookDeliveryTest, RejectsAMissingEventHeader) {
    auto delivery = ParseDelivery(JsonHeaders(""), R"({"zen":"z"})");
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(delivery.error().detail.find("X-GitHub-Event"), std::string::npos);
}

TEST(WebhookDeliveryTest, RejectsAnEventHeaderThatIsNotAnEventName) {
    for (const char* event : {"Pull Request", "push\n", "ping;drop", "../etc"}) {
        auto delivery = ParseDelivery(JsonHeaders(event), R"({"zen":"z"})");
        ASSERT_FALSE(delivery) << event;
        EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput) << event;
    }
    EXPECT_FALSE(ParseDelivery(JsonHeaders(std::string(65, 'a')), "{}"));
}

TEST(WebhookDeliveryTest, AcceptsAMissingDeliveryIdButRejectsAMalformedOne) {
    EXPECT_TRUE(ParseDelivery(JsonHeaders("ping", ""), R"({"zen":"z"})"))
        << "without an id the payload hash still deduplicates";
    auto delivery = ParseDelivery(JsonHeaders("ping", "id with spaces\r\n"), R"({"zen":"z"})");
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kInvalidInput);
}

TEST(WebhookDeliveryTest, RejectsABodyOverTwentyFiveMegabytesWith413) {
    std::string body(kMaxPayloadBytes + 1, ' ');
    auto delivery = ParseDelivery(JsonHeaders("ping"), std::move(body));
    ASSERT_FALSE(delivery);
    EXPECT_EQ(delivery.error().code, core::Errc::kTooLarge);
}

TEST(WebhookDeliveryTest, ParsesAOneMegabytePullRequestPayload) {
    json::object example = ExampleOf("pull_request", "opened");
    const std::string long_text(std::size_t{1024} * 1024, 'x');
    example["pull_request"].as_object()["body"] = long_text;
    const std::string body = json::serialize(example);
    ASSERT_GT(body.size(), 1024u * 1024u);
    auto delivery = ParseDelivery(JsonHeaders("pull_request"), body);
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_TRUE(delivery->pull_request.has_value());
    EXPECT_EQ(delivery->pull_request->number, 2);
    EXPECT_EQ(delivery->payload_json.size(), body.size());
}

TEST(WebhookDeliveryTest, LeavesFieldsOfTheWrongTypeEmptyInsteadOfFailing) {
    const std::string body =
        R"({"action":5,"number":"2","pull_request":{"number":"2","draft":"yes"},)"
        R"("repository":"Codertocat/Hello-World","installation":{"id":-1.5},"sender":[]})";
    auto delivery = ParseDelivery(JsonHeaders("pull_request"), body);
    ASSERT_TRUE(delivery) << delivery.error().detail;
    EXPECT_EQ(delivery->action, "");
    EXPECT_EQ(delivery->repository_full_name, "");
    EXPECT_FALSE(delivery->installation_id.has_value());
    EXPECT_EQ(delivery->sender_login, "");
    EXPECT_FALSE(delivery->pull_request.has_value()) << "a PR without a numeric number";
}

TEST(WebhookDeliveryTest, LeavesAnIdAboveTheSignedRangeEmpty) {
    auto delivery =
        ParseDelivery(JsonHeaders("ping"), R"({"zen":"z","hook_id":18446744073709551615,)"
                                           R"("repository":{"id":9223372036854775807}})");
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_TRUE(delivery->ping.has_value());
    EXPECT_FALSE(delivery->ping->hook_id.has_value());
    EXPECT_EQ(delivery->repository_id, 9223372036854775807);
}

TEST(WebhookDeliveryTest, ReadsTheIssueCommentAndWhetherItIsOnAPullRequest) {
    json::object example = ExampleOf("issue_comment", "created");
    example["issue"].as_object()["pull_request"] = json::object{{"url", "https://x"}};
    example["comment"].as_object()["body"] = "/nectr review";
    auto delivery = ParseDelivery(JsonHeaders("issue_comment"), json::serialize(example));
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_TRUE(delivery->issue_comment.has_value());
    EXPECT_TRUE(delivery->issue_comment->on_pull_request);
    EXPECT_EQ(delivery->issue_comment->body, "/nectr review");
    EXPECT_EQ(delivery->issue_comment->issue_number, 1);
    EXPECT_EQ(delivery->issue_comment->author_login, "Codertocat");
    EXPECT_GT(delivery->issue_comment->comment_id, 0);
}

TEST(WebhookDeliveryTest, ReadsThePushRefAndWhetherItTargetsTheDefaultBranch) {
    json::object example = ExampleOf("push");
    example["ref"] = "refs/heads/main";
    example["repository"].as_object()["default_branch"] = "main";
    auto delivery = ParseDelivery(JsonHeaders("push"), json::serialize(example));
    ASSERT_TRUE(delivery) << delivery.error().detail;
    ASSERT_TRUE(delivery->push.has_value());
    EXPECT_TRUE(delivery->push->to_default_branch);
    example["ref"] = "refs/heads/main-backup";
    delivery = ParseDelivery(JsonHeaders("push"), json::serialize(example));
    ASSERT_TRUE(delivery) << delivery.error().detail;
    EXPECT_FALSE(delivery->push->to_default_branch) << "a prefix of the ref is not a match";
}

}  // namespace
}  // namespace nectr::webhooks
