#pragma once

// The MCP server's methods over JSON-RPC, independent of the transport: initialize, ping,
// tools/list, tools/call, resources/list, resources/read, resources/templates/list and the
// client's notifications. Transports hand it what arrived and send back what it returns.
#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mcp/access.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/tool.hpp"

namespace nectr::mcp {

// What one MCP session has agreed on.
struct SessionState {
    std::string protocol_version;  // set by initialize; empty before it
    std::string client_name;       // clientInfo.name, for logs
};

class Dispatcher {
public:
    // `tools` and `resources` must outlive the dispatcher.
    Dispatcher(const std::vector<ToolDefinition>& tools, ResourceCatalog& resources);

    // Handles a body or line as received: one message or a batch. Returns the text to send
    // back, or nullopt when nothing is answered (notifications and responses only). `state`
    // is read, and written by initialize; it must outlive the call. Before initialize, every
    // request but initialize and ping is refused (-32600).
    net::awaitable<std::optional<std::string>> Handle(std::string text, Access access,
                                                      SessionState* state);

    // The same for text already parsed (a transport that looked at it first).
    net::awaitable<std::optional<std::string>> HandleIncoming(Incoming incoming, Access access,
                                                              SessionState* state);

    // One parsed request or notification; nullopt for notifications.
    net::awaitable<std::optional<json::object>> HandleMessage(RpcMessage message, Access access,
                                                              SessionState* state);

    // The initialize result for a requested version, and the negotiated version in `state`.
    json::object Initialize(const json::value& params, SessionState* state) const;

    // A method's result, or the error to answer instead.
    struct Outcome {
        json::value result;
        std::optional<RpcError> error;
    };

private:
    net::awaitable<Outcome> Run(const RpcMessage& message, Access access, SessionState* state);
    net::awaitable<Outcome> CallTool(const json::value& params, Access access,
                                     const SessionState& state);
    json::object ListTools(const SessionState& state) const;
    net::awaitable<Outcome> ListResources(Access access);
    json::object ListTemplates(const SessionState& state) const;
    net::awaitable<Outcome> ReadResource(const json::value& params, Access access);

    const std::vector<ToolDefinition>& tools_;
    ResourceCatalog& resources_;
};

}  // namespace nectr::mcp
