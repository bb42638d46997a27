// JSON-RPC handling and MCP methods without a transport or a database.
#include "mcp/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

namespace nectr::mcp {
namespace {

namespace json = boost::json;

class NoResources final : public ResourceCatalog {
public:
    net::awaitable<core::Result<std::vector<ResourceEntry>>> List(Access) override {
        co_return std::vector<ResourceEntry>{};
    }
    std::vector<ResourceTemplateEntry> Templates() const override { return {}; }
    net::awaitable<core::Result<ResourceContents>> Read(std::string, Access) override {
        co_return core::MakeError(core::Errc::kNotFound, "no");
    }
};

class DispatcherTest : public ::testing::Test {
protected:
    DispatcherTest() {
        ToolDefinition echo{
            "echo",
            "Echo",
            "Echoes",
            json::object{{"type", "object"}},
            json::object{{"type", "object"}},
            [](json::object args, Access) -> net::awaitable<core::Result<json::object>> {
                if (args.contains("fail")) {
                    co_return core::MakeError(core::Errc::kUnavailable, "it broke");
                }
                co_return args;
            }};
        tools.push_back(std::move(echo));
    }

    // The answer to `text` (nullopt when none), as JSON.
    std::optional<json::value> Send(const std::string& text) {
        net::io_context context;
        std::optional<std::string> answer;
        net::co_spawn(context, dispatcher.Handle(text, Access::Everything(), &state),
                      [&](const std::exception_ptr& error, std::optional<std::string> reply) {
                          ASSERT_FALSE(error);
                          answer = std::move(reply);
                      });
        context.run();
        if (!answer) {
            return std::nullopt;
        }
        return json::parse(*answer);
    }

    void Initialize(const std::string& version = "2025-11-25") {
        auto answer =
            Send(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":")" +
                 version + R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
        ASSERT_TRUE(answer);
    }

    std::vector<ToolDefinition> tools;
    NoResources resources;
    Dispatcher dispatcher{tools, resources};
    SessionState state;
};

int ErrorCode(const json::value& answer) {
    return static_cast<int>(answer.at("error").at("code").as_int64());
}

TEST_F(DispatcherTest, AnswersMalformedInputWithTheJsonRpcCodes) {
    EXPECT_EQ(ErrorCode(*Send("{nope")), -32700);
    EXPECT_TRUE(Send("{nope")->at("id").is_null());
    EXPECT_EQ(ErrorCode(*Send(R"({"id":1,"method":"ping"})")), -32600) << "jsonrpc is required";
    EXPECT_EQ(ErrorCode(*Send(R"({"jsonrpc":"2.0","id":1,"method":5})")), -32600);
    EXPECT_EQ(ErrorCode(*Send(R"({"jsonrpc":"2.0","id":{},"method":"ping"})")), -32600);
    EXPECT_EQ(ErrorCode(*Send("[]")), -32600) << "an empty batch";
    EXPECT_EQ(ErrorCode(*Send("42")), -32600);
}

TEST_F(DispatcherTest, RefusesRequestsBeforeInitializeButAnswersPing) {
    EXPECT_EQ(ErrorCode(*Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})")), -32600);
    EXPECT_EQ(Send(R"({"jsonrpc":"2.0","id":"p","method":"ping"})")->at("result"), json::object());
}

TEST_F(DispatcherTest, NegotiatesTheVersionAndShapesToolsByIt) {
    Initialize("2024-11-05");
    EXPECT_EQ(state.protocol_version, "2024-11-05");
    auto old = Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
    EXPECT_FALSE(old->at("result").at("tools").at(0).as_object().contains("outputSchema"))
        << "output schemas came with 2025-06-18";
    Initialize("2025-06-18");
    auto current = Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
    EXPECT_TRUE(current->at("result").at("tools").at(0).as_object().contains("outputSchema"));
}

TEST_F(DispatcherTest, SeparatesProtocolErrorsFromToolErrors) {
    Initialize();
    EXPECT_EQ(ErrorCode(*Send(R"({"jsonrpc":"2.0","id":1,"method":"nope"})")), -32601);
    EXPECT_EQ(ErrorCode(*Send(
                  R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}})")),
              -32602)
        << "an unknown tool is a protocol error";
    EXPECT_EQ(ErrorCode(*Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{}})")),
              -32602);
    EXPECT_EQ(
        ErrorCode(*Send(
            R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":[1]}})")),
        -32602);
    auto failed = Send(
        R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"fail":1}}})");
    EXPECT_EQ(failed->at("result").at("isError"), true) << "a tool's failure is a result";
    EXPECT_EQ(failed->at("result").at("content").at(0).at("text"), "it broke");
    auto ok = Send(
        R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"a":1}}})");
    EXPECT_EQ(ok->at("result").at("structuredContent"), (json::object{{"a", 1}}));
    EXPECT_EQ(
        ErrorCode(*Send(
            R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"x://y"}})")),
        -32002);
}

TEST_F(DispatcherTest, AnswersABatchInOneArrayAndNotificationsNotAtAll) {
    Initialize();
    EXPECT_FALSE(Send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
    EXPECT_FALSE(Send(R"({"jsonrpc":"2.0","id":3,"result":{}})")) << "responses need no answer";
    auto batch = Send(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},
                          {"jsonrpc":"2.0","method":"notifications/cancelled"},
                          {"jsonrpc":"2.0","id":"two","method":"nope"},
                          7])");
    ASSERT_TRUE(batch && batch->is_array());
    const json::array& answers = batch->as_array();
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0].at("id"), 1);
    EXPECT_EQ(answers[1].at("id"), "two");
    EXPECT_EQ(ErrorCode(answers[1]), -32601);
    EXPECT_EQ(ErrorCode(answers[2]), -32600);
}

}  // namespace
}  // namespace nectr::mcp
