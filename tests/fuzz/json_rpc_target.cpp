#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "entries.hpp"
#include "mcp/arguments.hpp"
#include "mcp/dispatcher.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/protocol.hpp"
#include "mcp/sse_parser.hpp"

namespace nectr::fuzz {
namespace {

namespace json = boost::json;
namespace net = boost::asio;

class NoResources final : public mcp::ResourceCatalog {
public:
    net::awaitable<core::Result<std::vector<mcp::ResourceEntry>>> List(mcp::Access) override {
        co_return std::vector<mcp::ResourceEntry>{};
    }
    std::vector<mcp::ResourceTemplateEntry> Templates() const override { return {}; }
    net::awaitable<core::Result<mcp::ResourceContents>> Read(std::string, mcp::Access) override {
        co_return core::MakeError(core::Errc::kNotFound, "no such resource");
    }
};

// A tool that reads its arguments the way Nectr's tools do, so that the argument checks see
// the fuzzer's values.
net::awaitable<core::Result<json::object>> ReadArguments(json::object args, mcp::Access) {
    json::object out;
    if (auto repo = mcp::RepositoryArgument(args)) {
        out["repo"] = *repo;
    }
    if (auto limit = mcp::IntegerArgument(args, "limit", 10, 1, 100)) {
        out["limit"] = *limit;
    }
    if (auto query = mcp::StringArgument(args, "query", 1000)) {
        out["query"] = *query;
    }
    if (auto paths = mcp::StringListArgument(args, "paths", 50)) {
        out["paths"] = paths->size();
    }
    if (auto since = mcp::SinceArgument(args, 0)) {
        out["since"] = *since;
    }
    co_return out;
}

std::vector<mcp::ToolDefinition> MakeTools() {
    std::vector<mcp::ToolDefinition> tools;
    tools.push_back({"read_arguments", "Read arguments", "Reads every kind of argument",
                     json::object{{"type", "object"}}, json::object{{"type", "object"}},
                     ReadArguments});
    return tools;
}

void Dispatch(mcp::Dispatcher& dispatcher, std::string text, mcp::SessionState state) {
    net::io_context context;
    std::optional<std::string> answer;
    net::co_spawn(context, dispatcher.Handle(std::move(text), mcp::Access::Everything(), &state),
                  [&](std::exception_ptr error, std::optional<std::string> reply) {
                      NECTR_ASSERT(!error, "the dispatcher never throws");
                      answer = std::move(reply);
                  });
    context.run();
    if (answer) {
        boost::system::error_code ec;
        (void)json::parse(*answer, ec);
        NECTR_ASSERT(!ec, "an answer is valid JSON");
    }
}

}  // namespace

void FuzzJsonRpc(std::string_view data) {
    static const std::vector<mcp::ToolDefinition> tools = MakeTools();
    static NoResources resources;
    static mcp::Dispatcher dispatcher(tools, resources);
    // Once as the first message of a session, once after initialize.
    Dispatch(dispatcher, std::string(data), mcp::SessionState{});
    Dispatch(dispatcher, std::string(data),
             mcp::SessionState{std::string(mcp::kLatestVersion), "fuzz"});
    // The client side reads the same bytes as a Server-Sent Events stream, in two pieces.
    mcp::SseParser parser;
    const std::size_t half = data.size() / 2;
    for (const auto& event : parser.Feed(data.substr(0, half))) {
        (void)mcp::ParseIncoming(event.data);
    }
    for (const auto& event : parser.Feed(data.substr(half))) {
        (void)mcp::ParseIncoming(event.data);
    }
}

}  // namespace nectr::fuzz
