// `nectr review` with a model: an OpenAI-compatible server on loopback answers from a script,
// and the binary finds it through OPENAI_BASE_URL like any local model server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <mutex>
#include <set>

#include "core/metrics.hpp"
#include "e2e/review_fixture.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
namespace net = boost::asio;

constexpr const char* kModelComment = "Scripted reviewer: request data reaches eval here.";

// A chat completions endpoint that answers every request with `reply` and keeps the requests.
class ScriptedOpenAi {
public:
    explicit ScriptedOpenAi(http::Response reply) : state_(std::make_shared<State>()) {
        state_->reply = std::move(reply);
        auto state = state_;
        router_.Add({"POST", "/v1/chat/completions",
                     [state](http::Request request) -> net::awaitable<http::Response> {
                         std::lock_guard lock(state->mutex);
                         state->received.push_back(std::move(request));
                         co_return state->reply;
                     },
                     std::size_t{16} << 20});
        http::ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, router_, metrics_);
        auto port = server_->Start();
        EXPECT_TRUE(port) << port.error().detail;
        port_ = port ? *port : 0;
    }
    ~ScriptedOpenAi() {
        server_->RequestStop();
        server_->Wait();
    }
    ScriptedOpenAi(const ScriptedOpenAi&) = delete;
    ScriptedOpenAi& operator=(const ScriptedOpenAi&) = delete;

    std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

    std::vector<http::Request> Received() const {
        std::lock_guard lock(state_->mutex);
        return state_->received;
    }

private:
    struct State {
        std::mutex mutex;
        http::Response reply;
        std::vector<http::Request> received;
    };
    std::shared_ptr<State> state_;
    http::Router router_;
    core::Metrics metrics_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
};

// A chat completion whose message is the review JSON the pipeline asks for.
http::Response ReviewAnswer() {
    json::object review{
        {"summary", "Adds a handler that evaluates an expression from the request."},
        {"verdict", "REQUEST_CHANGES"},
        {"walkthrough",
         json::array{json::object{{"path", "app/handler.py"}, {"summary", "Evaluates input."}}}},
        {"comments", json::array{json::object{{"path", "app/handler.py"},
                                              {"line", kEvalLine},
                                              {"severity", "critical"},
                                              {"category", "security"},
                                              {"body", kModelComment}}}}};
    json::object completion{
        {"id", "chatcmpl-e2e"},
        {"object", "chat.completion"},
        {"created", 1741569952},
        {"model", "review-model"},
        {"choices",
         json::array{json::object{
             {"index", 0},
             {"message", json::object{{"role", "assistant"}, {"content", json::serialize(review)}}},
             {"finish_reason", "stop"}}}},
        {"usage",
         json::object{{"prompt_tokens", 1234}, {"completion_tokens", 56}, {"total_tokens", 1290}}}};
    return http::Response::Json(200, json::serialize(completion));
}

// A review whose text quotes the secrets of the change, as a model may when it points at them.
http::Response QuotingAnswer(const FakeSecrets& secrets) {
    json::object review{
        {"summary", "Commits the token " + secrets.token + " and a key."},
        {"verdict", "REQUEST_CHANGES"},
        {"walkthrough", json::array{json::object{{"path", "deploy/key.pem"},
                                                 {"summary", "Adds " + secrets.key_body[2]}}}},
        {"comments",
         json::array{
             json::object{{"path", "app/settings.py"},
                          {"line", kTokenLine},
                          {"severity", "critical"},
                          {"category", "security"},
                          {"body", "`GITHUB_TOKEN = \"" + secrets.token + "\"` leaks."},
                          {"suggestion",
                           "GITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]  # was " + secrets.token}},
             json::object{{"path", "deploy/key.pem"},
                          {"line", 2},
                          {"severity", "critical"},
                          {"category", "security"},
                          {"body", secrets.key_header + "\n" + secrets.key_body[0] +
                                       "\nis a private key."}}}}};
    json::object completion{
        {"id", "chatcmpl-e2e-quote"},
        {"object", "chat.completion"},
        {"model", "review-model"},
        {"choices",
         json::array{json::object{
             {"index", 0},
             {"message", json::object{{"role", "assistant"}, {"content", json::serialize(review)}}},
             {"finish_reason", "stop"}}}},
        {"usage", json::object{{"prompt_tokens", 10}, {"completion_tokens", 10}}}};
    return http::Response::Json(200, json::serialize(completion));
}

class ReviewWithModelTest : public ReviewCommandTest {
protected:
    std::map<std::string, std::string> ModelEnv(const ScriptedOpenAi& server) {
        return {{"LLM_PROVIDER", "openai"},
                {"OPENAI_BASE_URL", server.BaseUrl()},
                {"OPENAI_API_KEY", "test-key-not-secret"},
                {"LLM_MODEL", "review-model"},
                {"LLM_MAX_RETRIES", "0"},
                {"LLM_PRICE_INPUT_PER_MTOK", "3"},
                {"LLM_PRICE_OUTPUT_PER_MTOK", "15"}};
    }

    CommandResult ReviewFeature(const ScriptedOpenAi& server, const std::string& format,
                                std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"--repo", repo.Path(), "--base",   "main",
                                         "--head", "feature",   "--format", format};
        args.insert(args.end(), extra.begin(), extra.end());
        return Review(args, ModelEnv(server));
    }

    // Everything the model was sent, as one string.
    static std::string AllPrompts(const ScriptedOpenAi& server) {
        std::string all;
        for (const auto& request : server.Received()) {
            all += request.body;
        }
        return all;
    }
};

TEST_F(ReviewWithModelTest, TheModelsCommentAndUsageAppearInMarkdown) {
    CommitFeatureBranch();
    ScriptedOpenAi server(ReviewAnswer());
    CommandResult result = ReviewFeature(server, "markdown");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Verdict: **REQUEST_CHANGES**"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("Offline checks only"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("### app/handler.py:" + std::to_string(kEvalLine) + " (critical"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find(kModelComment), std::string::npos) << result.out;
    // 1234 tokens at $3 and 56 at $15 per million: $0.004542.
    EXPECT_NE(result.out.find("_openai/review-model · 1 model calls · 1234 in / 56 out tokens · "
                              "$0.0045_"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.err.find("with openai/review-model"), std::string::npos) << result.err;
    ExpectOnlyProgressLines(result.err);

    const auto received = server.Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].Header("authorization").value_or(""), "Bearer test-key-not-secret");
    json::value request = json::parse(received[0].body);
    EXPECT_EQ(request.at("model"), "review-model");
    EXPECT_NE(received[0].body.find("eval(user_input)"), std::string::npos)
        << "the model must see the changed lines";
}

TEST_F(ReviewWithModelTest, TheModelsCommentAppearsInJsonAndSarif) {
    CommitFeatureBranch();
    ScriptedOpenAi server(ReviewAnswer());
    CommandResult as_json = ReviewFeature(server, "json");
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    json::value report = json::parse(as_json.out);
    EXPECT_EQ(report.at("used_model"), true);
    EXPECT_EQ(report.at("model"), "openai/review-model");
    EXPECT_EQ(report.at("usage").at("input_tokens"), 1234);
    EXPECT_EQ(report.at("usage").at("output_tokens"), 56);
    EXPECT_EQ(report.at("review").at("verdict"), "REQUEST_CHANGES");
    bool found = false;
    for (const auto& comment : report.at("review").at("comments").as_array()) {
        if (comment.at("source") == "model") {
            found = true;
            EXPECT_EQ(comment.at("body"), kModelComment);
            EXPECT_EQ(comment.at("line"), kEvalLine);
        }
    }
    EXPECT_TRUE(found) << as_json.out;
    ExpectNoRawSecret(as_json.out + as_json.err, "a review with a model");

    const std::string sarif_path = work.Path() + "/model.sarif";
    CommandResult as_sarif = ReviewFeature(server, "sarif", {"--output", sarif_path});
    ASSERT_EQ(as_sarif.exit_code, 0) << as_sarif.err;
    CommandResult validation = ValidateSarif(sarif_path);
    EXPECT_EQ(validation.exit_code, 0) << validation.out << validation.err;
    const std::string sarif = ReadWholeFile(sarif_path);
    json::value log = json::parse(sarif);
    bool in_sarif = false;
    for (const auto& item : log.at("runs").at(0).at("results").as_array()) {
        if (item.at("ruleId") == "review.security") {
            in_sarif = true;
            EXPECT_EQ(item.at("message").at("text"), kModelComment);
            EXPECT_EQ(item.at("level"), "error");
        }
    }
    EXPECT_TRUE(in_sarif) << sarif;
    EXPECT_EQ(log.at("runs").at(0).at("properties").at("model"), "openai/review-model");
    ExpectNoRawSecret(sarif, "the SARIF file");
}

TEST_F(ReviewWithModelTest, SecretsTheModelQuotesAreMaskedInEveryFormat) {
    CommitFeatureBranch();
    ScriptedOpenAi server(QuotingAnswer(secrets));
    for (const std::string format : {"markdown", "json", "sarif"}) {
        SCOPED_TRACE(format);
        const std::string file = work.Path() + "/quoted." + format;
        CommandResult result = ReviewFeature(server, format, {"--output", file});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        const std::string content = ReadWholeFile(file);
        ExpectNoRawSecret(content, format + " output file");
        ExpectNoRawSecret(result.err, format + " run's standard error");
        EXPECT_NE(content.find(secrets.TokenMask()), std::string::npos)
            << "the quote stays, masked: " << content;
        EXPECT_NE(content.find("leaks."), std::string::npos) << "the rest of the comment stays";
    }
}

TEST_F(ReviewWithModelTest, IgnorePathsComeFromTheBaseCommitNotFromTheChange) {
    repo.Write(".nectr.toml", "ignore_paths = [\"legacy/**\"]\nmax_comments = 10\n");
    repo.Write("legacy/old.py", "def old():\n    return 1\n");
    repo.CommitAll("Ignore legacy code");
    repo.Git({"checkout", "-q", "-b", "feature"});
    repo.Write("app/handler.py",
               "def handle(request):\n    user_input = request.args[\"expr\"]\n"
               "    result = eval(user_input)\n    return str(result)\n");
    repo.Write("legacy/old.py", "def old():\n    return eval(LEGACY_MARKER)\n");
    // The change tries to review its own ignored code: only the base's settings count.
    repo.Write(".nectr.toml", "ignore_paths = []\n");
    repo.CommitAll("Touch legacy code");
    repo.Git({"checkout", "-q", "main"});

    ScriptedOpenAi server(ReviewAnswer());
    CommandResult result = ReviewFeature(server, "json");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    json::value report = json::parse(result.out);
    const std::string skipped = json::serialize(report.at("skipped"));
    EXPECT_NE(skipped.find(R"({"path":"legacy/old.py","reason":"ignored by .nectr.toml"})"),
              std::string::npos)
        << skipped;
    for (const auto& finding : report.at("findings").as_array()) {
        EXPECT_NE(finding.at("path"), "legacy/old.py") << "an ignored file is not analyzed";
    }
    EXPECT_EQ(AllPrompts(server).find("LEGACY_MARKER"), std::string::npos)
        << "an ignored file must not reach the model";

    CommandResult markdown = ReviewFeature(server, "markdown");
    EXPECT_NE(markdown.out.find("## Not reviewed\n\n- `legacy/old.py` (ignored by .nectr.toml)"),
              std::string::npos)
        << markdown.out;
}

TEST_F(ReviewWithModelTest, AnInvalidNectrTomlGivesANoteAndTheDefaults) {
    repo.Write(".nectr.toml", "max_comments = \"lots\"\nignore_paths = [\"app/**\"]\n");
    repo.CommitAll("A broken settings file");
    CommitFeatureBranch();

    ScriptedOpenAi server(ReviewAnswer());
    CommandResult result = ReviewFeature(server, "json");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    json::value report = json::parse(result.out);
    const std::string notes = json::serialize(report.at("notes"));
    EXPECT_NE(notes.find(".nectr.toml is invalid"), std::string::npos) << notes;
    EXPECT_NE(notes.find("max_comments"), std::string::npos) << "the note names the problem";
    EXPECT_NE(notes.find("the defaults were used"), std::string::npos) << notes;
    EXPECT_EQ(report.at("skipped").as_array().size(), 0u)
        << "a file with an error is not half applied: its ignore_paths do not count";
    EXPECT_NE(AllPrompts(server).find("eval(user_input)"), std::string::npos);
}

TEST_F(ReviewWithModelTest, AModelThatRefusesTheKeyFailsTheReviewWithExitCodeOne) {
    CommitFeatureBranch();
    ScriptedOpenAi server(http::Response::Json(
        401, R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error",)"
             R"("code":"invalid_api_key"}})"));
    CommandResult result = ReviewFeature(server, "markdown");
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(result.out, "") << "no half report on standard output";
    EXPECT_NE(result.err.find("nectr: the review failed"), std::string::npos) << result.err;
    ExpectNoRawSecret(result.err, "the error");
}

TEST_F(ReviewWithModelTest, ADotEnvInTheReviewedCheckoutIsNotReadUnlessNamed) {
    CommitFeatureBranch();
    ScriptedOpenAi server(ReviewAnswer());
    // The working directory is the checkout in CI, and its .env may come with the change: here
    // it tries to switch the model off and to pick another one.
    WorkFile(".env", "LLM_PROVIDER=none\nLLM_MODEL=cheaper-model\n");
    const std::map<std::string, std::string> ci_env = {{"OPENAI_BASE_URL", server.BaseUrl()},
                                                       {"OPENAI_API_KEY", "ci-key-not-secret"},
                                                       {"OPENAI_MODEL", "review-model"},
                                                       {"LLM_MAX_RETRIES", "0"}};
    const std::vector<std::string> args = {"--repo", repo.Path(), "--base",   "main",
                                           "--head", "feature",   "--format", "json"};
    CommandResult implicit = Review(args, ci_env);
    ASSERT_EQ(implicit.exit_code, 0) << implicit.err;
    EXPECT_EQ(json::parse(implicit.out).at("used_model"), true)
        << "a .env in the working directory must not change the model settings";
    ASSERT_EQ(server.Received().size(), 1u);
    EXPECT_EQ(json::parse(server.Received()[0].body).at("model"), "review-model");

    auto named_args = args;
    named_args.insert(named_args.end(), {"--env-file", work.Path() + "/.env"});
    CommandResult named = Review(named_args, ci_env);
    ASSERT_EQ(named.exit_code, 0) << named.err;
    EXPECT_EQ(json::parse(named.out).at("used_model"), false) << "--env-file is read";
    EXPECT_EQ(server.Received().size(), 1u);

    WorkFile(".env", "PORT=not-a-port\n");
    CommandResult other_project = Review(args);
    EXPECT_EQ(other_project.exit_code, 0)
        << "another project's .env must not break the review: " << other_project.err;
}

TEST_F(ReviewWithModelTest, QuietLeavesStandardErrorEmptyWithAModelToo) {
    CommitFeatureBranch();
    ScriptedOpenAi server(ReviewAnswer());
    CommandResult result = ReviewFeature(server, "markdown", {"--quiet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "") << "neither progress nor routine log lines";
    EXPECT_NE(result.out.find(kModelComment), std::string::npos) << result.out;
}

// The function names a request offers the model as tools.
std::set<std::string> OfferedTools(const http::Request& request) {
    std::set<std::string> tools;
    json::value body = json::parse(request.body);
    if (const json::value* offered = body.as_object().if_contains("tools")) {
        for (const json::value& tool : offered->as_array()) {
            tools.insert(std::string(tool.at("function").at("name").as_string()));
        }
    }
    return tools;
}

// With a database that `nectr index` filled, the review shows the model the code of the
// repository that calls the changed function, and offers the repository's tools.
TEST_F(ReviewWithModelTest, WithAnIndexTheModelSeesRelatedCodeAndTheRepositorysTools) {
    repo.Write("app/routes.py",
               "from app.handler import handle\n\n\n"
               "def route_expression(request):\n"
               "    return handle(request)\n");
    repo.CommitAll("Route expressions");
    repo.Git({"checkout", "-q", "-b", "feature"});
    repo.Write("app/handler.py", "def handle(request):\n    return normalize_reply(\"ok\")\n");
    repo.CommitAll("Normalize the reply");
    repo.Git({"checkout", "-q", "main"});
    const std::map<std::string, std::string> store_env = {
        {"DATABASE_URL", "sqlite:///" + work.Path() + "/index.db"},
        {"DATA_DIR", work.Path() + "/data"}};
    std::map<std::string, std::string> index_env = store_env;
    index_env.insert({{"HOME", work.Path()}, {"GIT_CONFIG_NOSYSTEM", "1"}, {"LC_ALL", "C"}});
    CommandResult indexed = RunCommand({NECTR_BINARY_PATH, "index", repo.Path(), "--quiet"},
                                       index_env, std::chrono::seconds(120), work.Path());
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

    ScriptedOpenAi server(ReviewAnswer());
    std::map<std::string, std::string> env = ModelEnv(server);
    env.insert(store_env.begin(), store_env.end());
    CommandResult result = Review(
        {"--repo", repo.Path(), "--base", "main", "--head", "feature", "--format", "json"}, env);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ASSERT_EQ(server.Received().size(), 1u);
    const std::set<std::string> tools = OfferedTools(server.Received()[0]);
    for (const char* name : {"read_file", "search_code", "list_changed_files", "search_repository",
                             "file_history", "search_memory"}) {
        EXPECT_TRUE(tools.contains(name)) << name << " was not offered";
    }
    const std::string prompt = AllPrompts(server);
    EXPECT_NE(prompt.find("Related code elsewhere in the repository"), std::string::npos) << prompt;
    EXPECT_NE(prompt.find("app/routes.py:4-5 route_expression"), std::string::npos) << prompt;

    // Without the database the same review offers the toolbox's tools only.
    ScriptedOpenAi plain(ReviewAnswer());
    CommandResult without =
        Review({"--repo", repo.Path(), "--base", "main", "--head", "feature", "--format", "json"},
               ModelEnv(plain));
    ASSERT_EQ(without.exit_code, 0) << without.err;
    ASSERT_EQ(plain.Received().size(), 1u);
    EXPECT_EQ(OfferedTools(plain.Received()[0]),
              (std::set<std::string>{"read_file", "search_code", "list_changed_files"}));
    EXPECT_EQ(AllPrompts(plain).find("Related code elsewhere"), std::string::npos);
}

TEST_F(ReviewWithModelTest, OfflineSkipsAConfiguredModel) {
    CommitFeatureBranch();
    ScriptedOpenAi server(ReviewAnswer());
    CommandResult result = ReviewFeature(server, "json", {"--offline"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out).at("used_model"), false);
    EXPECT_TRUE(server.Received().empty()) << "--offline must not call the model";
    EXPECT_NE(result.out.find("--offline: this review ran the offline analyzers only"),
              std::string::npos)
        << "the note names --offline, not a missing model: " << result.out;
}

}  // namespace
}  // namespace nectr::testing
