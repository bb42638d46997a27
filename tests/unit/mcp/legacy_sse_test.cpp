// The legacy HTTP+SSE transport over loopback: the endpoint event, answers on the stream,
// sessions bound to their user.
#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>

#include "http/client.hpp"
#include "mcp_stack.hpp"

namespace nectr::mcp::test {
namespace {

using namespace std::chrono_literals;

// An open GET /mcp/sse, read piece by piece through the outbound client.
class EventStream {
public:
    EventStream(http::Client& client, const std::string& url, const std::string& authorization) {
        http::OutboundRequest request;
        request.url = url;
        request.timeout = 30s;
        request.headers = {{"Accept", "text/event-stream"}, {"Authorization", authorization}};
        request.on_body = [this](int status, std::string_view piece) {
            std::lock_guard lock(mutex_);
            status_ = status;
            text_ += piece;
            changed_.notify_all();
            return !stop_;
        };
        id_ = client.Start(std::move(request), [this](core::Result<http::OutboundResponse> done) {
            std::lock_guard lock(mutex_);
            finished_ = true;
            if (done) {
                status_ = done->status;
            }
            changed_.notify_all();
        });
        client_ = &client;
    }
    ~EventStream() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        client_->Abort(id_);
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 10s, [this] { return finished_; });
    }

    // Waits until the stream holds `needle`; returns everything received so far.
    std::string WaitFor(const std::string& needle) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 10s,
                          [&] { return text_.find(needle) != std::string::npos || finished_; });
        return text_;
    }
    int Status() {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 10s, [&] { return status_ != 0 || finished_; });
        return status_;
    }

private:
    http::Client* client_ = nullptr;
    http::Client::RequestId id_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string text_;
    int status_ = 0;
    bool finished_ = false;
    bool stop_ = false;
};

class LegacySseTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        stack = McpStack::Start(GetParam());
        ASSERT_TRUE(stack);
        stack->SeedTwoUsers();
    }
    std::string Token(std::int64_t user) { return "Bearer user-" + std::to_string(user); }

    // The message endpoint the stream announced.
    std::string Endpoint(EventStream& stream) {
        const std::string text = stream.WaitFor("\n\n");
        const std::string marker = "event: endpoint\ndata: ";
        EXPECT_TRUE(text.starts_with(marker)) << text;
        return text.substr(marker.size(), text.find("\n\n") - marker.size());
    }

    Response PostMessage(std::int64_t user, const std::string& endpoint, const json::value& body) {
        return stack->Send("POST", endpoint, json::serialize(body),
                           {{"Authorization", Token(user)}, {"Content-Type", "application/json"}});
    }

    std::unique_ptr<McpStack> stack;
    std::unique_ptr<http::Client> client = http::MakeCurlClient({});
};

TEST_P(LegacySseTest, AnswersArriveOnTheStreamOfTheSession) {
    EventStream stream(*client, stack->Url("/mcp/sse"), Token(stack->alice));
    const std::string endpoint = Endpoint(stream);
    ASSERT_TRUE(endpoint.starts_with("/mcp/messages?sessionId=")) << endpoint;
    EXPECT_EQ(stream.Status(), 200);

    Response init =
        PostMessage(stack->alice, endpoint,
                    McpStack::Request(1, "initialize", McpStack::InitializeParams("2024-11-05")));
    EXPECT_EQ(init.status, 202) << init.text;
    EXPECT_NE(stream.WaitFor("\"protocolVersion\":\"2024-11-05\"").find("event: message\ndata: {"),
              std::string::npos);
    PostMessage(stack->alice, endpoint,
                json::object{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
    Response call = PostMessage(
        stack->alice, endpoint,
        McpStack::Request(2, "tools/call",
                          json::object{{"name", "get_pr_verdict"},
                                       {"arguments", {{"repo", "acme/api"}, {"number", 15}}}}));
    EXPECT_EQ(call.status, 202);
    const std::string text = stream.WaitFor("\"id\":2");
    EXPECT_NE(text.find("APPROVE"), std::string::npos) << text;
    EXPECT_NE(stream.WaitFor(": keepalive"), "") << "an idle stream sends comment lines";
}

TEST_P(LegacySseTest, ASessionIsItsOwnersAndNeedsAToken) {
    EventStream refused(*client, stack->Url("/mcp/sse"), "Bearer wrong");
    EXPECT_EQ(refused.Status(), 401);

    EventStream stream(*client, stack->Url("/mcp/sse"), Token(stack->alice));
    const std::string endpoint = Endpoint(stream);
    Response stolen = PostMessage(stack->bob, endpoint, McpStack::Request(1, "ping", nullptr));
    EXPECT_EQ(stolen.status, 404) << "another user's session must look unknown";
    Response unknown = PostMessage(stack->alice, "/mcp/messages?sessionId=nope",
                                   McpStack::Request(1, "ping", nullptr));
    EXPECT_EQ(unknown.status, 404);
    Response foreign =
        stack->Send("GET", "/mcp/sse", "",
                    {{"Authorization", Token(stack->alice)}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign.status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, LegacySseTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::mcp::test
