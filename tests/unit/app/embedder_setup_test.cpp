// The configured embedder against the OpenAI-compatible fake (tests/node/model_fake.mjs) over
// real loopback HTTP: batches, the bearer key, placement by index, truncation, and errors.
#include "app/embedder_setup.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "index/vector_search.hpp"
#include "support/review_fakes.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

class EmbedderSetupTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fake.Started()) << fake.Log();
        config.embeddings.base_url = fake.BaseUrl();
        config.embeddings.model = "fake-embed-64";
        config.embeddings.api_key = "sk-embed-test";
        config.embeddings.batch = 2;
    }

    json::array Requests() { return fake.State().at("embeddings").as_array(); }

    testing::ModelFake fake;
    core::Config config;
    std::unique_ptr<http::Client> client =
        http::MakeCurlClient({.user_agent = "nectr-test", .ca_file = {}});
};

TEST_F(EmbedderSetupTest, IsOffWithoutABaseUrl) {
    core::Config off;
    EXPECT_EQ(MakeConfiguredEmbedder(off, *client), nullptr);
    EXPECT_EQ(DescribeEmbeddings(off), "off");
    EXPECT_EQ(DescribeEmbeddings(config), "fake-embed-64 at " + fake.BaseUrl());
}

TEST_F(EmbedderSetupTest, EmbedsInBatchesWithTheKeyAndKeepsTheOrder) {
    auto embedder = MakeConfiguredEmbedder(config, *client);
    ASSERT_NE(embedder, nullptr);
    EXPECT_EQ(embedder->Model(), "fake-embed-64");
    const std::vector<std::string> texts = {"parseDiffHunk", "renderPage", "parse_diff_hunk",
                                            "page_render", ""};
    auto vectors = embedder->Embed(texts);
    ASSERT_TRUE(vectors) << vectors.error().detail;
    ASSERT_EQ(vectors->size(), texts.size());
    for (const auto& vector : *vectors) {
        EXPECT_EQ(vector.size(), 64u);
    }
    // The fake lists each batch last to first: only placement by index pairs these up.
    const auto& v = *vectors;
    EXPECT_NEAR(index::CosineSimilarity(v[0], v[2]), 1.0F, 1e-5);
    EXPECT_NEAR(index::CosineSimilarity(v[1], v[3]), 1.0F, 1e-5) << "the same words";
    EXPECT_LT(index::CosineSimilarity(v[0], v[1]), 0.5F);

    const json::array requests = Requests();
    ASSERT_EQ(requests.size(), 3u) << "five texts, two per request";
    EXPECT_EQ(requests[0].at("inputs"), 2);
    EXPECT_EQ(requests[2].at("inputs"), 1);
    for (const auto& request : requests) {
        EXPECT_EQ(request.at("model"), "fake-embed-64");
        EXPECT_EQ(request.at("authorization"), "Bearer sk-embed-test");
    }
}

TEST_F(EmbedderSetupTest, CutsHugeTextsSoThatTheirBatchIsNotRefused) {
    auto embedder = MakeConfiguredEmbedder(config, *client);
    ASSERT_NE(embedder, nullptr);
    const std::string huge(100 * 1024, 'a');
    auto vectors = embedder->Embed({huge, "small"});
    ASSERT_TRUE(vectors) << vectors.error().detail;
    EXPECT_EQ(vectors->size(), 2u);
    const json::array requests = Requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].at("longest").to_number<std::int64_t>(),
              static_cast<std::int64_t>(kMaxEmbeddedTextBytes));
}

// Retries with waits short enough for a test; the production policy only waits longer.
llm::RetryPolicy QuickRetries() {
    llm::RetryPolicy policy;
    policy.max_retries = 2;
    policy.base_delay = std::chrono::milliseconds(5);
    policy.max_delay = std::chrono::milliseconds(20);
    return policy;
}

json::object ServerError() {
    return json::object{
        {"match", "^POST /v1/embeddings$"},
        {"kind", "status"},
        {"status", 500},
        {"body", json::object{{"error", json::object{{"message", "the GPU caught fire"},
                                                     {"type", "server_error"}}}}}};
}

TEST_F(EmbedderSetupTest, RefusalsThatOutlastTheRetriesAndUnreachableServicesAreErrorsThatSaySo) {
    auto embedder = MakeConfiguredEmbedder(config, *client, QuickRetries());
    ASSERT_NE(embedder, nullptr);
    json::object fault = ServerError();
    fault["times"] = 3;  // the request and both retries
    fake.AddFaults(json::array{fault});
    auto refused = embedder->Embed({"one", "two", "three"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::kUpstream);
    EXPECT_EQ(refused.error().detail, "embeddings: HTTP 500 server_error: the GPU caught fire");
    EXPECT_EQ(fake.State().at("faults").at("applied").as_array().size(), 3u);
    EXPECT_TRUE(Requests().empty()) << "the second batch was never sent";
    auto recovered = embedder->Embed({"one"});
    EXPECT_TRUE(recovered) << "the faults were used up";

    core::Config closed = config;
    closed.embeddings.base_url = "http://127.0.0.1:1/v1";
    auto unreachable = MakeConfiguredEmbedder(closed, *client, QuickRetries())->Embed({"one"});
    ASSERT_FALSE(unreachable);
    EXPECT_EQ(unreachable.error().code, core::Errc::kUnavailable);
    EXPECT_NE(unreachable.error().detail.find("embeddings: http://127.0.0.1:1/v1"),
              std::string::npos)
        << unreachable.error().detail;
}

// A rate limit and an overloaded server: the batch is sent again, after the wait the service
// asks for when it names one, and the vectors arrive as if nothing had happened.
TEST_F(EmbedderSetupTest, ARateLimitOrAnOverloadedServiceIsWaitedOut) {
    auto embedder = MakeConfiguredEmbedder(config, *client, QuickRetries());
    ASSERT_NE(embedder, nullptr);
    json::object limited{
        {"match", "^POST /v1/embeddings$"},
        {"kind", "status"},
        {"status", 429},
        {"headers", json::object{{"retry-after", "0.05"}}},
        {"body", json::object{{"error", json::object{{"message", "Rate limit reached"},
                                                     {"type", "requests"}}}}}};
    fake.AddFaults(json::array{limited, ServerError()});
    const auto started = std::chrono::steady_clock::now();
    auto vectors = embedder->Embed({"parseDiffHunk", "renderPage"});
    ASSERT_TRUE(vectors) << vectors.error().detail;
    EXPECT_EQ(vectors->size(), 2u);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(50))
        << "the 429 asked for 50 ms";
    EXPECT_EQ(fake.State().at("faults").at("applied").as_array().size(), 2u);
    EXPECT_EQ(Requests().size(), 1u) << "answered on the third try";
}

// A request the service refuses for what it is (400) is not sent again.
TEST_F(EmbedderSetupTest, ARefusalOfTheRequestItselfIsNotRetried) {
    auto embedder = MakeConfiguredEmbedder(config, *client, QuickRetries());
    ASSERT_NE(embedder, nullptr);
    fake.AddFaults(json::array{json::object{
        {"match", "^POST /v1/embeddings$"},
        {"kind", "status"},
        {"status", 400},
        {"body", json::object{{"error", json::object{{"message", "model not found"},
                                                     {"type", "invalid_request_error"}}}}}}});
    auto refused = embedder->Embed({"one"});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().detail.find("model not found"), std::string::npos)
        << refused.error().detail;
    EXPECT_EQ(fake.State().at("faults").at("applied").as_array().size(), 1u);
}

}  // namespace
}  // namespace nectr::app
