// `nectr serve` as a process: start on the embedded default, answer /health and /metrics,
// log each request, and stop cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace nectr::testing {
namespace {

using std::chrono::seconds;

// A running `nectr serve` in its own working directory, with its base URL read from stdout.
class RunningServer {
public:
    RunningServer(const std::string& cwd, std::map<std::string, std::string> env,
                  std::vector<std::string> extra_args = {}) {
        std::vector<std::string> argv{NECTR_BINARY_PATH, "serve", "--port", "0"};
        argv.insert(argv.end(), extra_args.begin(), extra_args.end());
        process_ = std::make_unique<ChildProcess>(argv, std::move(env), cwd);
        auto line = process_->WaitForStdoutLine("is running at", seconds(30));
        if (line) {
            std::smatch match;
            if (std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))"))) {
                url_ = "http://127.0.0.1:" + match[1].str();
            }
        }
    }
    const std::string& Url() const { return url_; }
    ChildProcess& Process() { return *process_; }

private:
    std::unique_ptr<ChildProcess> process_;
    std::string url_;
};

TEST(ServeTest, StartsOnSqliteWithNoConfigurationAndAnswersHealth) {
    TempDir dir;
    RunningServer server(dir.Path(), {});
    ASSERT_FALSE(server.Url().empty()) << server.Process().Stderr();
    HttpResult health = HttpRequest("GET", server.Url() + "/health");
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_NE(health.body.find("\"status\":\"healthy\""), std::string::npos) << health.body;
    EXPECT_NE(health.body.find("\"engine\":\"sqlite\""), std::string::npos) << health.body;
    EXPECT_NE(health.body.find("\"environment\":\"development\""), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(dir.Path() + "/nectr-data/nectr.db"));
    struct stat key_stat {};
    ASSERT_EQ(stat((dir.Path() + "/nectr-data/secret_key").c_str(), &key_stat), 0)
        << "development must generate a secret key into the data directory";
    EXPECT_EQ(key_stat.st_mode & 0777, 0600u);
    EXPECT_NE(server.Process().Stderr().find("config.secret_key_generated"), std::string::npos);
}

TEST(ServeTest, LogsOneStructuredLinePerRequestWithItsId) {
    TempDir dir;
    RunningServer server(dir.Path(), {});
    ASSERT_FALSE(server.Url().empty()) << server.Process().Stderr();
    HttpResult health =
        HttpRequest("GET", server.Url() + "/health", "", {{"X-Request-Id", "trace-abc.123"}});
    EXPECT_EQ(health.headers["x-request-id"], "trace-abc.123");
    server.Process().Signal(SIGTERM);
    ASSERT_EQ(server.Process().Wait(seconds(30)), 0) << server.Process().Stderr();
    const std::string& log = server.Process().Stderr();
    std::regex line(
        R"(http\.request method=GET path=/health .*status=200 .*request_id=trace-abc\.123)");
    EXPECT_TRUE(std::regex_search(log, line)) << log;
}

TEST(ServeTest, ExposesPrometheusMetrics) {
    TempDir dir;
    RunningServer server(dir.Path(), {});
    ASSERT_FALSE(server.Url().empty()) << server.Process().Stderr();
    HttpRequest("GET", server.Url() + "/health");
    HttpRequest("GET", server.Url() + "/no-such-page");
    // A request is counted once its response has been written, a moment after the client
    // has read it: poll until both earlier requests show, with a deadline.
    HttpResult metrics;
    auto deadline = std::chrono::steady_clock::now() + seconds(10);
    do {
        metrics = HttpRequest("GET", server.Url() + "/metrics");
    } while ((metrics.body.find("status=\"404\"") == std::string::npos ||
              metrics.body.find("route=\"/health\"") == std::string::npos) &&
             std::chrono::steady_clock::now() < deadline);
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
    const std::string& text = metrics.body;
    EXPECT_NE(text.find("# TYPE nectr_http_requests_total counter"), std::string::npos) << text;
    EXPECT_TRUE(std::regex_search(
        text,
        std::regex(R"(nectr_http_requests_total\{[^}]*route="/health"[^}]*status="200"[^}]*\} 1)")))
        << text;
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(status="404")"))) << text;
    EXPECT_NE(text.find("nectr_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(process_resident_memory_bytes [1-9][0-9]+)")))
        << text;
}

TEST(ServeTest, StopsCleanlyOnSigtermAndStartsAgainOnTheSameData) {
    TempDir dir;
    {
        RunningServer first(dir.Path(), {});
        ASSERT_FALSE(first.Url().empty()) << first.Process().Stderr();
        first.Process().Signal(SIGTERM);
        EXPECT_EQ(first.Process().Wait(seconds(30)), 0) << first.Process().Stderr();
    }
    RunningServer second(dir.Path(), {});
    ASSERT_FALSE(second.Url().empty()) << second.Process().Stderr();
    EXPECT_EQ(HttpRequest("GET", second.Url() + "/health").status, 200);
    second.Process().Signal(SIGINT);
    EXPECT_EQ(second.Process().Wait(seconds(30)), 0) << second.Process().Stderr();
}

TEST(ServeTest, APortInUseIsAClearErrorWithExitCodeOne) {
    TempDir dir;
    RunningServer first(dir.Path(), {});
    ASSERT_FALSE(first.Url().empty());
    std::string port = first.Url().substr(first.Url().rfind(':') + 1);
    TempDir other;
    CommandResult second =
        RunCommand({NECTR_BINARY_PATH, "serve", "--port", port}, {}, seconds(30), other.Path());
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.err.find(port), std::string::npos) << second.err;
}

}  // namespace
}  // namespace nectr::testing
