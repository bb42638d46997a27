// Hostile input against the real `nectr serve` over loopback (docs/security-tests.md): an
// oversized header, a JSON nesting bomb as a webhook body, and secrets inside payloads, which
// must never reach the logs.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

using std::chrono::seconds;

constexpr const char* kSecret = "security-test-secret";
// Shaped like real credentials so that any scanner or masking would notice them; none is live.
constexpr const char* kAwsKeyId = "AKIAQ3EGRIPSECURTEST";
constexpr const char* kAwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECURITYTEST";
constexpr const char* kGitHubToken = "ghp_SecurityTest0123456789abcdefABCDEF01";

class SecurityTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0"},
            std::map<std::string, std::string>{
                {"GITHUB_WEBHOOK_SECRET", kSecret}, {"WORKERS", "0"}, {"LOG_LEVEL", "debug"}},
            dir_.Path());
        auto line = server_->WaitForStdoutLine("is running at", seconds(30));
        std::smatch match;
        ASSERT_TRUE(line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))")))
            << server_->Stderr();
        port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
        base_ = "http://127.0.0.1:" + match[1].str();
    }

    // Stops the server and returns everything it logged.
    std::string StopAndCollectLogs() {
        server_->Signal(SIGTERM);
        EXPECT_EQ(server_->Wait(seconds(30)), 0) << server_->Stderr();
        return server_->Stdout() + server_->Stderr();
    }

    void TearDown() override {
        if (server_) {
            server_->Signal(SIGTERM);
            server_->Wait(seconds(30));
        }
    }

    HttpResult Deliver(const std::string& event, const std::string& body,
                       const std::string& signature, const std::string& delivery) {
        return HttpRequest("POST", base_ + "/api/v1/webhooks/github", body,
                           {{"Content-Type", "application/json"},
                            {"X-GitHub-Event", event},
                            {"X-GitHub-Delivery", delivery},
                            {"X-Hub-Signature-256", signature}});
    }

    bool Healthy() { return HttpRequest("GET", base_ + "/health").status == 200; }

    TempDir dir_;
    std::unique_ptr<ChildProcess> server_;
    std::uint16_t port_ = 0;
    std::string base_;
};

TEST_F(SecurityTest, AnOversizedHeaderGets431AndTheServerGoesOn) {
    RawConnection connection(port_);
    ASSERT_TRUE(connection.Send(
        "GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n"));
    auto response = connection.ReadResponse(std::chrono::seconds(10));
    ASSERT_TRUE(response) << "the server must answer, not drop the connection";
    EXPECT_EQ(response->status, 431);
    EXPECT_TRUE(Healthy());
}

TEST_F(SecurityTest, AJsonNestingBombIsRejectedWith400NotACrash) {
    constexpr int kDepth = 100'000;
    const std::string body = std::string(kDepth, '[') + std::string(kDepth, ']');
    // Signed correctly, so that nothing but the body's shape can refuse it.
    auto result = Deliver("pull_request", body, webhooks::SignBody(kSecret, body), "bomb-1");
    EXPECT_EQ(result.status, 400) << result.body;
    const std::string object_bomb =
        R"({"a":)" + std::string(kDepth, '[') + std::string(kDepth, ']') + "}";
    result =
        Deliver("pull_request", object_bomb, webhooks::SignBody(kSecret, object_bomb), "bomb-2");
    EXPECT_EQ(result.status, 400) << result.body;
    EXPECT_TRUE(Healthy()) << "the server must still answer after the bomb";
}

TEST_F(SecurityTest, SecretsInsidePayloadsNeverReachTheLogs) {
    const std::string diff_line = std::string("+aws_access_key_id = ") + kAwsKeyId +
                                  "\\n+aws_secret_access_key = " + kAwsSecret +
                                  "\\n+token = " + kGitHubToken;
    const std::string pull_request =
        R"({"action":"opened","number":7,"pull_request":{"number":7,"state":"open","draft":false,)"
        R"("title":"add config","body":")" +
        diff_line +
        R"(","head":{"sha":"aaaaaaa","ref":"f"},)"
        R"("base":{"ref":"main"}},"repository":{"id":1,"full_name":"o/r","default_branch":"main"},)"
        R"("sender":{"login":"mallory","type":"User"}})";
    auto accepted =
        Deliver("pull_request", pull_request, webhooks::SignBody(kSecret, pull_request), "s-1");
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    const std::string comment =
        R"({"action":"created","issue":{"number":7,"pull_request":{}},"comment":{"id":3,)"
        R"("body":"/nectr review )" +
        std::string(kGitHubToken) +
        R"(","user":{"login":"mallory",)"
        R"("type":"User"}},"repository":{"id":1,"full_name":"o/r","default_branch":"main"},)"
        R"("sender":{"login":"mallory","type":"User"}})";
    accepted = Deliver("issue_comment", comment, webhooks::SignBody(kSecret, comment), "s-2");
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    // A rejected delivery (wrong signature, broken JSON) must not quote the body either.
    auto rejected = Deliver("pull_request", pull_request, "sha256=00", "s-3");
    EXPECT_EQ(rejected.status, 401);
    const std::string broken = pull_request.substr(0, pull_request.size() - 1);
    rejected = Deliver("pull_request", broken, webhooks::SignBody(kSecret, broken), "s-4");
    EXPECT_EQ(rejected.status, 400);
    EXPECT_EQ(rejected.body.find(kAwsKeyId), std::string::npos) << "the answer quotes the body";

    const std::string logs = StopAndCollectLogs();
    ASSERT_NE(logs.find("s-1"), std::string::npos) << "the deliveries must have been logged";
    for (const char* secret : {kAwsKeyId, kAwsSecret, kGitHubToken}) {
        EXPECT_EQ(logs.find(secret), std::string::npos) << secret << " leaked into:\n" << logs;
    }
}

}  // namespace
}  // namespace nectr::testing
