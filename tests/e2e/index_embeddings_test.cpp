// `nectr index` with an embeddings service (tests/node/model_fake.mjs over loopback): the chunks
// get vectors, the summary says how many, search finds by them, and a failing service leaves
// the text index complete.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "app/embedder_setup.hpp"
#include "index/indexer.hpp"
#include "index/search.hpp"
#include "index/vector_index.hpp"
#include "support/process.hpp"
#include "support/review_fakes.hpp"
#include "unit/index/fixture_repo.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;

constexpr const char* kModel = "fake-embed-64";

class IndexEmbeddingsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fake.Started()) << fake.Log();
        checkout = dir.Path() + "/checkout";
        index::fixture::CreateRepository(checkout);
        data_dir = dir.Path() + "/data";
    }

    CommandResult Index() {
        return RunCommand({NECTR_BINARY_PATH, "index", checkout, "--repo", "acme/fixture",
                           "--data-dir", data_dir},
                          {{"EMBEDDINGS_BASE_URL", fake.BaseUrl()},
                           {"EMBEDDINGS_MODEL", kModel},
                           {"EMBEDDINGS_BATCH", "5"}},
                          std::chrono::seconds(120));
    }

    std::unique_ptr<store::Database> OpenIndex() {
        store::DatabaseOptions options;
        options.url = "sqlite:///" + data_dir + "/nectr.db";
        auto db = store::OpenDatabase(options);
        EXPECT_TRUE(db) << db.error().detail;
        return db ? std::move(*db) : nullptr;
    }

    ModelFake fake;
    TempDir dir;
    std::string checkout;
    std::string data_dir;
};

// The "N chunks" of the summary line.
std::size_t ChunksIn(const std::string& summary) {
    std::smatch match;
    return std::regex_search(summary, match, std::regex(R"(symbols, (\d+) chunks, )"))
               ? std::stoul(match[1])
               : 0;
}

bool HasSymbol(const std::vector<index::CodeHit>& hits, const std::string& symbol) {
    for (const auto& hit : hits) {
        if (hit.symbol == symbol) {
            return true;
        }
    }
    return false;
}

TEST_F(IndexEmbeddingsTest, EmbedsEveryChunkAndSearchFindsByTheVectors) {
    // The fake's stand-in for meaning: "fragment" and "hunk" embed as one word.
    fake.Configure(json::object{{"synonyms", json::object{{"fragment", "hunk"}}}});
    CommandResult first = Index();
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::size_t chunks = ChunksIn(first.out);
    ASSERT_GT(chunks, 0u) << first.out;
    EXPECT_NE(first.out.find(", embedded " + std::to_string(chunks) + " chunks\n"),
              std::string::npos)
        << first.out;
    EXPECT_NE(first.err.find("nectr: embedded " + std::to_string(chunks) + "/"), std::string::npos)
        << "progress of the embedding\n"
        << first.err;
    const json::array requests = fake.State().at("embeddings").as_array();
    EXPECT_EQ(requests.size(), (chunks + 4) / 5) << "EMBEDDINGS_BATCH texts per request";

    auto db = OpenIndex();
    ASSERT_NE(db, nullptr);
    auto repository_id = index::FindRepositoryId(*db, "acme/fixture");
    ASSERT_TRUE(repository_id && *repository_id);
    auto signature = index::ReadVectorSignature(*db, **repository_id, kModel);
    ASSERT_TRUE(signature) << signature.error().detail;
    EXPECT_EQ(signature->count, static_cast<std::int64_t>(chunks)) << "every chunk has a vector";

    auto text_only = index::SearchCode(*db, **repository_id, "fragment", 5);
    ASSERT_TRUE(text_only) << text_only.error().detail;
    EXPECT_FALSE(HasSymbol(*text_only, "parseDiffHunk")) << "no chunk holds the word";
    core::Config config;
    config.embeddings.base_url = fake.BaseUrl();
    config.embeddings.model = kModel;
    auto client = http::MakeCurlClient({.user_agent = "nectr-test", .ca_file = {}});
    auto embedder = app::MakeConfiguredEmbedder(config, *client);
    ASSERT_NE(embedder, nullptr);
    index::SearchOptions options;
    options.embedder = embedder.get();
    auto hybrid = index::SearchCode(*db, **repository_id, "fragment", 5, options);
    ASSERT_TRUE(hybrid) << hybrid.error().detail;
    EXPECT_TRUE(HasSymbol(*hybrid, "parseDiffHunk")) << "found through its vector";

    CommandResult second = Index();
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find(", embedded 0 chunks\n"), std::string::npos)
        << "chunks with a vector of the model are not embedded again\n"
        << second.out;
}

TEST_F(IndexEmbeddingsTest, AFailingServiceLeavesTheTextIndexComplete) {
    fake.AddFaults(json::array{json::object{
        {"match", "^POST /v1/embeddings$"}, {"kind", "status"}, {"status", 500}, {"times", -1}}});
    CommandResult result = Index();
    ASSERT_EQ(result.exit_code, 0) << "the index was written\n" << result.err;
    EXPECT_NE(result.out.find("16 files (16 parsed, 0 removed)"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(", embedded 0 chunks (embedding failed, text index kept)"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("imported history of acme/fixture"), std::string::npos)
        << "what follows the index still runs\n"
        << result.out;
    EXPECT_NE(result.err.find("warning: embedding failed"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("embeddings: HTTP 500"), std::string::npos) << result.err;

    auto db = OpenIndex();
    ASSERT_NE(db, nullptr);
    auto repository_id = index::FindRepositoryId(*db, "acme/fixture");
    ASSERT_TRUE(repository_id && *repository_id);
    auto hits = index::SearchCode(*db, **repository_id, "parseDiffHunk", 3);
    ASSERT_TRUE(hits) << hits.error().detail;
    ASSERT_FALSE(hits->empty());
    EXPECT_EQ((*hits)[0].symbol, "parseDiffHunk");
}

// A review of a change in an indexed checkout searches the index with the change's identifiers
// through the embedder too: the query reaches the embeddings service.
TEST_F(IndexEmbeddingsTest, AReviewEmbedsItsCodeSearchQueries) {
    const std::string database_url = "sqlite:///" + data_dir + "/review.db";
    const std::map<std::string, std::string> env = {
        {"DATABASE_URL", database_url},      {"EMBEDDINGS_BASE_URL", fake.BaseUrl()},
        {"EMBEDDINGS_MODEL", kModel},        {"LLM_PROVIDER", "openai"},
        {"OPENAI_BASE_URL", fake.BaseUrl()}, {"OPENAI_API_KEY", "test-key-not-secret"},
        {"LLM_MODEL", "review-model"},       {"HOME", dir.Path()},
        {"GIT_CONFIG_NOSYSTEM", "1"}};
    CommandResult indexed = RunCommand({NECTR_BINARY_PATH, "index", checkout, "--quiet"}, env,
                                       std::chrono::seconds(120));
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    index::fixture::Git(checkout, {"checkout", "-q", "-b", "feature"});
    index::fixture::WriteFile(checkout, "src/app.ts",
                              "import { parseDiffHunk } from './diff/parser';\n\n"
                              "export function renderFirst(lines: string[]) {\n"
                              "  return parseDiffHunk(lines[0]);\n"
                              "}\n");
    index::fixture::Git(checkout, {"commit", "-q", "-am", "Render the first hunk only"});
    const std::size_t before = fake.State().at("embeddings").as_array().size();

    CommandResult reviewed =
        RunCommand({NECTR_BINARY_PATH, "review", "--repo", checkout, "--base", "feature~1",
                    "--head", "feature", "--format", "json", "--quiet"},
                   env, std::chrono::seconds(120));
    ASSERT_EQ(reviewed.exit_code, 0) << reviewed.err;
    const json::array requests = fake.State().at("embeddings").as_array();
    ASSERT_GT(requests.size(), before) << "the code search embedded its queries";
    std::set<std::string> queries;
    for (std::size_t i = before; i < requests.size(); ++i) {
        queries.insert(std::string(requests[i].at("first").as_string()));
    }
    EXPECT_TRUE(queries.contains("renderFirst") || queries.contains("parseDiffHunk"))
        << "the change's identifiers are what is searched";
}

}  // namespace
}  // namespace nectr::testing
