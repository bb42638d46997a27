#include "http/message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace nectr::http {
namespace {

TEST(MessageTest, FindsRequestHeadersWhateverTheirCase) {
    Request request;
    request.headers = {{"Content-Type", "application/json"}, {"X-Dup", "first"}, {"x-dup", "2"}};
    EXPECT_EQ(request.Header("content-type"), "application/json");
    EXPECT_EQ(request.Header("CONTENT-TYPE"), "application/json");
    EXPECT_EQ(request.Header("X-DUP"), "first") << "the first of repeated headers wins";
    EXPECT_FALSE(request.Header("Content-Length").has_value());
}

TEST(MessageTest, DecodesQueryParametersAndKeepsTheFirstOfRepeatedOnes) {
    Request request;
    request.query = "q=hello%20world&tag=a%2Bb&name=John+Doe&q=second&flag&empty=";
    EXPECT_EQ(request.QueryParam("q"), "hello world");
    EXPECT_EQ(request.QueryParam("tag"), "a+b") << "%2B is a literal plus";
    EXPECT_EQ(request.QueryParam("name"), "John Doe") << "'+' in a query means a space";
    EXPECT_EQ(request.QueryParam("flag"), "") << "a key without '=' is present and empty";
    EXPECT_EQ(request.QueryParam("empty"), "");
    EXPECT_FALSE(request.QueryParam("missing").has_value());
}

TEST(MessageTest, TreatsABrokenQueryAsHavingNoParameters) {
    Request request;
    request.query = "q=%zz";
    EXPECT_FALSE(request.QueryParam("q").has_value());
}

TEST(MessageTest, ReturnsPathParametersFilledByTheRouter) {
    Request request;
    request.path_params = {{"owner", "octo"}};
    EXPECT_EQ(request.PathParam("owner"), "octo");
    EXPECT_FALSE(request.PathParam("name").has_value());
}

TEST(MessageTest, SetHeaderReplacesAHeaderOfTheSameNameInAnyCase) {
    Response response = Response::Json(201, "{}");
    response.SetHeader("content-type", "application/problem+json").SetHeader("X-A", "1");
    ASSERT_EQ(response.headers.size(), 2u) << "Content-Type must be replaced, not repeated";
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    EXPECT_EQ(response.Header("x-a"), "1");
    EXPECT_EQ(response.status, 201);
}

TEST(MessageTest, TextResponsesDefaultToUtf8PlainText) {
    Response response = Response::Text(200, "hi");
    EXPECT_EQ(response.Header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(Response::Text(200, "<p>", "text/html").Header("content-type"), "text/html");
}

TEST(MessageTest, MapsEveryErrorCodeToItsStatus) {
    const std::pair<core::Errc, int> expected[] = {
        {core::Errc::kInvalidInput, 400},
        {core::Errc::kUnauthorized, 401},
        {core::Errc::kForbidden, 403},
        {core::Errc::kNotFound, 404},
        {core::Errc::kConflict, 409},
        {core::Errc::kTooLarge, 413},
        {core::Errc::kUnsupportedMediaType, 415},
        {core::Errc::kRateLimited, 429},
        {core::Errc::kTimeout, 504},
        {core::Errc::kUnavailable, 503},
        {core::Errc::kUpstream, 502},
        {core::Errc::kInternal, 500},
    };
    for (const auto& [code, status] : expected) {
        EXPECT_EQ(StatusFor(code), status) << core::ErrcName(code);
    }
}

TEST(MessageTest, ErrorResponseIsEscapedJsonWithCodeAndMessage) {
    Response response =
        ErrorResponse(core::MakeError(core::Errc::kNotFound, "no repo \"a\\b\"\nhere"));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.Header("Content-Type"), "application/json");
    boost::json::value parsed = boost::json::parse(response.body);  // throws if not JSON
    EXPECT_EQ(parsed.at("error").at("code").as_string(), "not_found");
    EXPECT_EQ(parsed.at("error").at("message").as_string(), "no repo \"a\\b\"\nhere");
}

TEST(MessageTest, ErrorResponseFallsBackToTheReasonPhraseWithoutDetail) {
    Response response = ErrorResponse(core::Error{core::Errc::kRateLimited, ""});
    EXPECT_EQ(response.status, 429);
    boost::json::value parsed = boost::json::parse(response.body);
    EXPECT_EQ(parsed.at("error").at("code").as_string(), "rate_limited");
    EXPECT_EQ(parsed.at("error").at("message").as_string(), "Too Many Requests");
}

TEST(MessageTest, KnowsTheReasonPhrasesItSendsAndAdmitsTheOthers) {
    EXPECT_EQ(ReasonPhrase(200), "OK");
    EXPECT_EQ(ReasonPhrase(404), "Not Found");
    EXPECT_EQ(ReasonPhrase(413), "Payload Too Large");
    EXPECT_EQ(ReasonPhrase(431), "Request Header Fields Too Large");
    EXPECT_EQ(ReasonPhrase(503), "Service Unavailable");
    EXPECT_EQ(ReasonPhrase(299), "Unknown");
}

}  // namespace
}  // namespace nectr::http
