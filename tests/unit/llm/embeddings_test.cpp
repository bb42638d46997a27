// The embeddings wire format: the request as OpenAI documents it, and its response read
// strictly enough that a vector never lands on the wrong text.
#include "llm/embeddings.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace nectr::llm {
namespace {

namespace json = boost::json;

TEST(EmbeddingsRequestTest, PostsModelInputsAndFloatEncodingWithABearerKey) {
    EmbeddingsEndpoint endpoint{"http://127.0.0.1:9/v1", "sk-test", "text-embedding-3-small"};
    const auto request = MakeEmbeddingsRequest(endpoint, {"first text", "zweiter \"Text\""});
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "http://127.0.0.1:9/v1/embeddings");
    bool authorized = false;
    bool json_body = false;
    for (const auto& header : request.headers) {
        authorized =
            authorized || (header.name == "authorization" && header.value == "Bearer sk-test");
        json_body =
            json_body || (header.name == "content-type" && header.value == "application/json");
    }
    EXPECT_TRUE(authorized);
    EXPECT_TRUE(json_body);
    const json::value body = json::parse(request.body);
    EXPECT_EQ(body.at("model"), "text-embedding-3-small");
    EXPECT_EQ(body.at("encoding_format"), "float");
    EXPECT_EQ(body.at("input"), (json::array{"first text", "zweiter \"Text\""}));
}

TEST(EmbeddingsRequestTest, SendsNoAuthorizationWithoutAKey) {
    const auto request = MakeEmbeddingsRequest({"http://localhost:11434/v1", "", "nomic"}, {"x"});
    for (const auto& header : request.headers) {
        EXPECT_NE(header.name, "authorization");
    }
}

TEST(EmbeddingsResponseTest, PlacesVectorsByIndexNotByPosition) {
    const std::string body = R"({"object":"list","data":[
        {"object":"embedding","index":1,"embedding":[0.5,-1]},
        {"object":"embedding","index":0,"embedding":[1,2.25]}],
        "model":"m","usage":{"prompt_tokens":4,"total_tokens":4}})";
    auto vectors = DecodeEmbeddingsResponse(body, 2);
    ASSERT_TRUE(vectors) << vectors.error().detail;
    EXPECT_EQ(*vectors, (Vectors{{1.0F, 2.25F}, {0.5F, -1.0F}}));
}

TEST(EmbeddingsResponseTest, RefusesWrongCountsIndexesAndDimensions) {
    struct Case {
        const char* body;
        std::size_t expected;
        const char* says;
    };
    const Case cases[] = {
        {R"({"data":[{"index":0,"embedding":[1]}]})", 2, "1 vectors for 2 texts"},
        {R"({"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]})", 2,
         "repeats index 0"},
        {R"({"data":[{"index":2,"embedding":[1]},{"index":0,"embedding":[2]}]})", 2,
         "valid \"index\""},
        {R"({"data":[{"embedding":[1]}]})", 1, "valid \"index\""},
        {R"({"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[3]}]})", 2,
         "mixes dimensions 2 and 1"},
        {R"({"data":[{"index":0,"embedding":"AAAAPw=="}]})", 1, "encoding_format"},
        {R"({"data":[{"index":0,"embedding":[]}]})", 1, "usable"},
        {R"({"data":[{"index":0,"embedding":[1,"x"]}]})", 1, "usable"},
        {R"({"object":"list"})", 1, "no \"data\" array"},
        {"<html>", 1, "not valid JSON"},
    };
    for (const Case& c : cases) {
        auto vectors = DecodeEmbeddingsResponse(c.body, c.expected);
        ASSERT_FALSE(vectors) << c.body;
        EXPECT_EQ(vectors.error().code, core::Errc::kUpstream) << c.body;
        EXPECT_NE(vectors.error().detail.find(c.says), std::string::npos)
            << c.body << " -> " << vectors.error().detail;
    }
}

TEST(EmbeddingsResponseTest, ErrorsNameTheServiceStatusAndMessage) {
    http::OutboundResponse refused{401, {}, R"({"error":{"message":"Incorrect API key provided",
        "type":"invalid_request_error","code":"invalid_api_key"}})"};
    auto unauthorized = ReadEmbeddingsResponse(refused, 1);
    ASSERT_FALSE(unauthorized);
    EXPECT_EQ(unauthorized.error().code, core::Errc::kUnauthorized);
    EXPECT_EQ(unauthorized.error().detail,
              "embeddings: HTTP 401 invalid_request_error: Incorrect API key provided");

    auto ollama = ReadEmbeddingsResponse({404, {}, R"({"error":"model \"x\" not found"})"}, 1);
    ASSERT_FALSE(ollama);
    EXPECT_EQ(ollama.error().code, core::Errc::kNotFound);
    EXPECT_NE(ollama.error().detail.find("model \"x\" not found"), std::string::npos);

    auto proxy = ReadEmbeddingsResponse({502, {}, "<html>Bad Gateway</html>"}, 1);
    ASSERT_FALSE(proxy);
    EXPECT_EQ(proxy.error().code, core::Errc::kUpstream);
    EXPECT_NE(proxy.error().detail.find("HTTP 502"), std::string::npos);
}

TEST(TruncateUtf8BytesTest, CutsBeforeASequenceNeverInsideOne) {
    EXPECT_EQ(TruncateUtf8Bytes("short", 8), "short");
    EXPECT_EQ(TruncateUtf8Bytes("abcdef", 3), "abc");
    const std::string text =
        "ab\xC3\xA9"
        "cd";  // "abécd": é is two bytes
    EXPECT_EQ(TruncateUtf8Bytes(text, 3), "ab");
    EXPECT_EQ(TruncateUtf8Bytes(text, 4), "ab\xC3\xA9");
    EXPECT_EQ(TruncateUtf8Bytes("\xF0\x9F\x98\x80", 2), "");
}

}  // namespace
}  // namespace nectr::llm
