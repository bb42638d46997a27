// Nectr's MCP client and review integrations against real MCP servers from npm: the official
// "everything" server, and a small server on the official SDK with tracker-, error- and
// chat-like tools (tests/node/mcp_tools_server.mjs). Skipped when node is not installed.
#include "mcp/client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <thread>

#include "mcp/integrations.hpp"
#include "review/diff_parser.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace nectr::mcp {
namespace {

using namespace std::chrono_literals;

std::uint16_t FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

bool WaitForPort(std::uint16_t port) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!nectr::testing::CanConnect(port)) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

// Runs a coroutine to completion on a private event loop.
template <typename T>
T RunTask(net::awaitable<T> task) {
    net::io_context context;
    std::optional<T> out;
    net::co_spawn(context, std::move(task), [&](const std::exception_ptr& error, T value) {
        ASSERT_FALSE(error);
        out.emplace(std::move(value));
    });
    context.run();
    return std::move(*out);
}

class McpClientTest : public ::testing::Test {
protected:
    static std::string NodeDir() { return std::string(NECTR_SOURCE_DIR) + "/tests/node"; }

    void SetUp() override {
        if (std::system("node --version > /dev/null 2>&1") != 0) {
            GTEST_SKIP() << "node is not installed";
        }
    }

    // Starts a node server on a free port; false when it does not come up.
    bool StartNode(std::vector<std::string> argv, std::map<std::string, std::string> env,
                   std::uint16_t port) {
        node_ = std::make_unique<nectr::testing::ChildProcess>(std::move(argv), std::move(env),
                                                               NodeDir());
        return WaitForPort(port);
    }

    bool StartToolsServer() {
        port_ = FreePort();
        return StartNode({"/usr/bin/env", "node", "mcp_tools_server.mjs", std::to_string(port_)},
                         {}, port_);
    }

    bool StartEverything(const std::string& transport) {
        port_ = FreePort();
        return StartNode(
            {"/usr/bin/env", "node",
             "node_modules/@modelcontextprotocol/server-everything/dist/index.js", transport},
            {{"PORT", std::to_string(port_)}}, port_);
    }

    std::string Url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

    ServerConfig Server(const std::string& name, const std::string& path, TransportKind transport,
                        Preset preset = Preset::kCustom) {
        return ServerConfig{name, Url(path), transport, "Bearer test-token", preset, "", ""};
    }

    std::unique_ptr<http::Client> http = http::MakeCurlClient({});
    std::unique_ptr<nectr::testing::ChildProcess> node_;
    std::uint16_t port_ = 0;
};

struct EchoOutcome {
    std::string version;
    std::vector<std::string> tools;
    std::string echoed;
    std::string error;
};

net::awaitable<EchoOutcome> ListAndEcho(http::Client& http, ServerConfig server) {
    EchoOutcome outcome;
    McpClient client(http, std::move(server), McpClientOptions{});
    core::Result<void> connected = co_await client.Connect();
    if (!connected) {
        outcome.error = connected.error().detail;
        co_return outcome;
    }
    outcome.version = client.ProtocolVersion();
    core::Result<std::vector<RemoteTool>> tools = co_await client.ListTools();
    if (!tools) {
        outcome.error = tools.error().detail;
        co_return outcome;
    }
    for (const RemoteTool& tool : *tools) {
        outcome.tools.push_back(tool.name);
    }
    boost::json::object arguments{{"message", "hello nectr"}};
    net::awaitable<core::Result<ToolCallResult>> calling =
        client.CallTool("echo", std::move(arguments));
    core::Result<ToolCallResult> echoed = co_await std::move(calling);
    if (!echoed) {
        outcome.error = echoed.error().detail;
        co_return outcome;
    }
    outcome.echoed = echoed->text;
    co_await client.Close();
    co_return outcome;
}

// ChildProcess calls execve, which does not search PATH: node is started through /usr/bin/env.
TEST_F(McpClientTest, TalksToTheEverythingServerOverStreamableHttp) {
    ASSERT_TRUE(StartEverything("streamableHttp"))
        << "server-everything did not start: " << node_->Stderr() << node_->Stdout();
    EchoOutcome outcome =
        RunTask(ListAndEcho(*http, Server("everything", "/mcp", TransportKind::kStreamableHttp)));
    ASSERT_EQ(outcome.error, "");
    EXPECT_EQ(outcome.version, "2025-11-25");
    EXPECT_NE(std::find(outcome.tools.begin(), outcome.tools.end(), "echo"), outcome.tools.end());
    EXPECT_EQ(outcome.echoed, "Echo: hello nectr");
}

TEST_F(McpClientTest, TalksToTheEverythingServerOverLegacySse) {
    ASSERT_TRUE(StartEverything("sse"))
        << "server-everything did not start: " << node_->Stderr() << node_->Stdout();
    EchoOutcome outcome =
        RunTask(ListAndEcho(*http, Server("everything", "/sse", TransportKind::kSse)));
    ASSERT_EQ(outcome.error, "");
    EXPECT_NE(std::find(outcome.tools.begin(), outcome.tools.end(), "echo"), outcome.tools.end());
    EXPECT_EQ(outcome.echoed, "Echo: hello nectr");
}

TEST(McpClientUnitTest, ResolvesLegacyEndpointsAgainstTheStreamUrl) {
    EXPECT_EQ(ResolveEndpoint("http://h:1/a/sse", "/messages?s=1"), "http://h:1/messages?s=1");
    EXPECT_EQ(ResolveEndpoint("http://h:1/a/sse?x", "messages?s=1"), "http://h:1/a/messages?s=1");
    EXPECT_EQ(ResolveEndpoint("http://h:1/sse", "https://o/m"), "https://o/m");
}

TEST(IssueKeysTest, FindsKeysInTitleBodyAndBranch) {
    review::ChangeInfo change;
    change.title = "PAY-42: fix checkout (utf-8 safe)";
    change.description = "Also closes OPS-7 and PAY-42; see x-1 and ABCDEFGHIJK-1.";
    change.head_ref = "feature/web-311-retry";
    EXPECT_EQ(IssueKeys(change), (std::vector<std::string>{"PAY-42", "OPS-7", "WEB-311"}));
}

// A change of two files in payments/, as pull request 12 of acme/shop from branch pay-42.
review::ChangeInfo Change() {
    review::ChangeInfo change;
    change.repo_full_name = "acme/shop";
    change.number = 12;
    change.title = "Retry card payments";
    change.description = "Fixes PAY-42.";
    change.head_ref = "fix/pay-42";
    return change;
}

review::Diff TwoFiles() {
    auto diff = review::ParseUnifiedDiff(
        "diff --git a/payments/retry.js b/payments/retry.js\n--- a/payments/retry.js\n"
        "+++ b/payments/retry.js\n@@ -1,1 +1,2 @@\n a\n+b\n"
        "diff --git a/payments/card.js b/payments/card.js\n--- a/payments/card.js\n"
        "+++ b/payments/card.js\n@@ -1,1 +1,1 @@\n-a\n+c\n");
    EXPECT_TRUE(diff) << diff.error().detail;
    return diff ? *diff : review::Diff{};
}

std::string Render(const std::vector<review::ContextItem>& items) {
    std::string text;
    for (const review::ContextItem& item : items) {
        text += "[" + item.source + "] " + item.title + "\n" + item.text + "\n";
    }
    return text;
}

TEST_F(McpClientTest, IntegrationsBringTrackerErrorAndChatContextAndSkipBadServers) {
    ASSERT_TRUE(StartToolsServer()) << "the tools server did not start";
    IntegrationOptions options;
    options.client.call_timeout = 2s;
    ServerConfig linear = Server("linear", "/mcp", TransportKind::kStreamableHttp, Preset::kLinear);
    ServerConfig sentry = Server("sentry", "/sse", TransportKind::kSse, Preset::kSentry);
    ServerConfig slack = Server("slack", "/mcp", TransportKind::kStreamableHttp, Preset::kSlack);
    ServerConfig hanging = Server("pagerduty", "/hang/mcp", TransportKind::kStreamableHttp);
    hanging.tool = "search_incidents";
    ServerConfig broken = Server("jira", "/broken/mcp", TransportKind::kStreamableHttp);
    broken.tool = "get_issue";
    ServerConfig unset{"notion", "", TransportKind::kStreamableHttp, "", Preset::kCustom,
                       "find",   ""};
    IntegrationSource tracker(*http, linear, Role::kIssueTracker, options);
    IntegrationSource errors(*http, sentry, Role::kErrorTracker, options);
    IntegrationSource chat(*http, slack, Role::kChat, options);
    IntegrationSource slow(*http, hanging, Role::kErrorTracker, options);
    IntegrationSource failing(*http, broken, Role::kIssueTracker, options);
    IntegrationSource missing(*http, unset, Role::kChat, options);
    ConcurrentSources all({&tracker, &errors, &chat, &slow, &failing, &missing});

    const review::ChangeInfo change = Change();
    const review::Diff diff = TwoFiles();
    const auto started = std::chrono::steady_clock::now();
    core::Result<std::vector<review::ContextItem>> items =
        RunTask(all.Gather(review::ContextQuery{change, diff.files}));
    const auto took = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(items);
    const std::string text = Render(*items);
    EXPECT_NE(text.find("Issue PAY-42: Checkout fails for EU cards"), std::string::npos) << text;
    EXPECT_NE(text.find("TypeError in payments/retry.js"), std::string::npos) << text;
    EXPECT_NE(text.find("TypeError in payments/card.js"), std::string::npos) << text;
    EXPECT_NE(text.find("acme/shop#12 changes the retry logic"), std::string::npos) << text;
    EXPECT_NE(text.find("payments changes the retry logic"), std::string::npos) << text;
    EXPECT_NE(text.find("[mcp:pagerduty] pagerduty: context missing"), std::string::npos) << text;
    EXPECT_NE(text.find("timed out"), std::string::npos) << text;
    EXPECT_NE(text.find("[mcp:jira] jira: context missing"), std::string::npos) << text;
    EXPECT_NE(text.find("HTTP 500"), std::string::npos) << text;
    EXPECT_NE(text.find("notion was skipped: it is not set up"), std::string::npos) << text;
    EXPECT_LT(took, 20s) << "a hanging server must cost one timeout, not hold the review";
}

}  // namespace
}  // namespace nectr::mcp
