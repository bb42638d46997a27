// GitHub deliveries through the real `nectr serve` over loopback: GitHub's own example
// payloads, signed by GitHub's reference library, and every way a delivery can be wrong.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <regex>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/signed_examples.hpp"

namespace nectr::testing {
namespace {

using std::chrono::seconds;
namespace json = boost::json;

constexpr const char* kSecret = "It's a Secret to Everybody";

std::vector<SignedExample> SignExamples(const std::vector<std::string>& events) {
    return SignGitHubExamples(kSecret, events);
}

class WebhookTest : public ::testing::Test {
protected:
    void StartServer(std::map<std::string, std::string> env) {
        // Ingest only: with review handlers registered, in-process workers would take the
        // accepted jobs (and, with no GitHub token, fail them) while the tests look at them.
        env.emplace("WORKERS", "0");
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0"}, std::move(env),
            dir_.Path());
        auto line = server_->WaitForStdoutLine("is running at", seconds(30));
        std::smatch match;
        ASSERT_TRUE(line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))")))
            << server_->Stderr();
        url_ = "http://127.0.0.1:" + match[1].str() + "/api/v1/webhooks/github";
    }
    void SetUp() override { StartServer({{"GITHUB_WEBHOOK_SECRET", kSecret}}); }
    void TearDown() override {
        if (server_) {
            server_->Signal(SIGTERM);
            EXPECT_EQ(server_->Wait(seconds(30)), 0) << server_->Stderr();
        }
    }

    HttpResult Post(const std::string& event, const std::string& body, const std::string& signature,
                    const std::string& delivery_id,
                    const std::string& content_type = "application/json") {
        std::vector<std::pair<std::string, std::string>> headers{
            {"Content-Type", content_type},
            {"X-GitHub-Event", event},
            {"X-GitHub-Delivery", delivery_id},
            {"User-Agent", "GitHub-Hookshot/test"}};
        if (!signature.empty()) {
            headers.emplace_back("X-Hub-Signature-256", signature);
        }
        return HttpRequest("POST", url_, body, headers);
    }

    std::int64_t Count(const std::string& sql) {
        store::DatabaseOptions options;
        options.url = "sqlite:///" + dir_.Path() + "/nectr-data/nectr.db";
        auto db = store::OpenDatabase(options);
        EXPECT_TRUE(db) << db.error().detail;
        auto rows = store::Execute(**db, store::Query{"test.count", sql, sql});
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }

    TempDir dir_;
    std::unique_ptr<ChildProcess> server_;
    std::string url_;
    int next_delivery_ = 0;
    std::string NextDelivery() { return "delivery-" + std::to_string(++next_delivery_); }
};

TEST_F(WebhookTest, EveryGitHubExampleIsAcceptedAndStoredWithTheJobItAsksFor) {
    auto examples = SignExamples({"pull_request", "issue_comment", "push", "installation",
                                  "installation_repositories", "ping"});
    ASSERT_GE(examples.size(), 50u) << "the examples package must provide the fixtures";
    int jobs = 0;
    int reviews_for_opened = 0;
    int opened = 0;
    for (const SignedExample& example : examples) {
        HttpResult result = Post(example.event, example.body, example.signature, NextDelivery());
        json::object answer = json::parse(result.body).as_object();
        if (example.event == "ping") {
            EXPECT_EQ(result.status, 200) << result.body;
            EXPECT_EQ(answer["zen"], json::parse(example.body).as_object()["zen"]) << result.body;
            continue;
        }
        // Some examples repeat a payload byte for byte: those are duplicates, answered 200.
        ASSERT_TRUE(result.status == 202 || (result.status == 200 && answer["duplicate"] == true))
            << example.event << ": " << result.status << " " << result.body;
        if (answer.contains("job_id")) {
            ++jobs;
        }
        json::object payload = json::parse(example.body).as_object();
        if (example.event == "pull_request" && payload["action"] == "opened" &&
            result.status == 202) {
            ++opened;
            bool draft = payload["pull_request"].as_object()["draft"] == true;
            if (!draft && answer["job"] == "review") {
                ++reviews_for_opened;
            }
            if (!draft) {
                EXPECT_EQ(answer["job"], "review") << result.body;
            }
        }
    }
    EXPECT_GT(opened, 0);
    EXPECT_GT(reviews_for_opened, 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs"), jobs) << "one job per answer that named one";
    EXPECT_EQ(Count("SELECT COUNT(DISTINCT event_id) FROM jobs"), jobs) << "each job has its event";
}

TEST_F(WebhookTest, ADuplicateDeliveryIsAnsweredButNotStoredTwice) {
    auto examples = SignExamples({"pull_request"});
    ASSERT_FALSE(examples.empty());
    const SignedExample& example = examples.front();
    HttpResult first = Post(example.event, example.body, example.signature, "same-delivery");
    HttpResult again = Post(example.event, example.body, example.signature, "same-delivery");
    EXPECT_EQ(first.status, 202) << first.body;
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos) << again.body;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 1);
    std::string health_url = url_.substr(0, url_.find("/api/")) + "/health";
    HttpResult health = HttpRequest("GET", health_url);
    EXPECT_NE(health.body.find("\"queue\":{\"queued\":1"), std::string::npos)
        << "the accepted job must show in the queue depth: " << health.body;
}

TEST_F(WebhookTest, BadSignaturesAreRefusedBeforeAnythingIsWritten) {
    auto examples = SignExamples({"pull_request"});
    ASSERT_GE(examples.size(), 2u);
    const SignedExample& a = examples[0];
    const SignedExample& b = examples[1];
    EXPECT_EQ(Post(a.event, a.body, "", NextDelivery()).status, 401) << "missing";
    EXPECT_EQ(Post(a.event, a.body, "sha256=" + std::string(64, '0'), NextDelivery()).status, 401);
    EXPECT_EQ(Post(a.event, a.body, a.signature.substr(0, 40), NextDelivery()).status, 401)
        << "truncated";
    EXPECT_EQ(Post(a.event, a.body, b.signature, NextDelivery()).status, 401) << "another body's";
    EXPECT_EQ(Post(a.event, a.body + " ", a.signature, NextDelivery()).status, 401) << "altered";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 0) << "a refused delivery must leave no trace";
}

TEST_F(WebhookTest, MalformedDeliveriesGetTheRightStatus) {
    auto examples = SignExamples({"pull_request"});
    ASSERT_FALSE(examples.empty());
    const SignedExample& a = examples[0];
    EXPECT_EQ(Post(a.event, "", "sha256=" + std::string(64, 'a'), NextDelivery()).status, 400)
        << "empty body";
    EXPECT_EQ(Post(a.event, "{not json", "sha256=" + std::string(64, 'a'), NextDelivery()).status,
              400);
    EXPECT_EQ(Post(a.event, a.body, a.signature, NextDelivery(), "text/plain").status, 415);
    std::string huge(30u * 1024 * 1024, ' ');
    EXPECT_EQ(Post(a.event, huge, a.signature, NextDelivery()).status, 413);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 0);
}

TEST_F(WebhookTest, AnUnknownRepositoryWithoutAnAppSecretIs404) {
    TearDown();
    StartServer({});
    auto examples = SignExamples({"pull_request"});
    ASSERT_FALSE(examples.empty());
    HttpResult result =
        Post(examples[0].event, examples[0].body, examples[0].signature, NextDelivery());
    EXPECT_EQ(result.status, 404) << result.body;
}

}  // namespace
}  // namespace nectr::testing

namespace nectr::testing {
namespace {

TEST_F(WebhookTest, JobsCommandListsCancelsAndRetriesTheAcceptedJob) {
    auto examples = SignExamples({"pull_request"});
    ASSERT_FALSE(examples.empty());
    HttpResult accepted =
        Post(examples[0].event, examples[0].body, examples[0].signature, "jobs-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    std::int64_t job_id = json::parse(accepted.body).as_object()["job_id"].as_int64();
    auto nectr = [this](std::vector<std::string> args) {
        args.insert(args.begin(), NECTR_BINARY_PATH);
        return RunCommand(args, {}, seconds(60), dir_.Path());
    };
    CommandResult listed = nectr({"jobs", "list", "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    json::object job = json::parse(listed.out.substr(0, listed.out.find('\n'))).as_object();
    EXPECT_EQ(job["id"].as_int64(), job_id);
    EXPECT_EQ(job["kind"], "review");
    EXPECT_EQ(job["state"], "queued");

    CommandResult cancelled = nectr({"jobs", "cancel", std::to_string(job_id)});
    EXPECT_EQ(cancelled.exit_code, 0) << cancelled.err;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE state = 'cancelled'"), 1);
    CommandResult retried = nectr({"jobs", "retry", std::to_string(job_id)});
    EXPECT_EQ(retried.exit_code, 0) << retried.err;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE state = 'queued'"), 1);
    CommandResult missing = nectr({"jobs", "retry", "999999"});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_NE(missing.err.find("999999"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace nectr::testing
