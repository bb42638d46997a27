#pragma once

// A client of other MCP servers (Linear, Sentry, Slack, any other), over Streamable HTTP or
// the legacy HTTP+SSE transport, through the shared outbound http::Client: initialize, then
// tools/list and tools/call, each call bounded by a timeout.
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/client.hpp"
#include "http/stream.hpp"

namespace nectr::mcp {

namespace net = boost::asio;

enum class TransportKind { kStreamableHttp, kSse };
enum class Preset { kLinear, kSentry, kSlack, kCustom };

// One configured server (MCP_SERVERS, parsed by the configuration).
struct ServerConfig {
    std::string name;  // "linear", "sentry", "slack", or the operator's name for it
    std::string url;   // the /mcp endpoint, or the /sse endpoint for kSse; empty: not set up
    TransportKind transport = TransportKind::kStreamableHttp;
    std::string auth_header;  // the whole Authorization value ("Bearer ..."); empty: none
    Preset preset = Preset::kCustom;
    // The tool to call and the argument that carries the query; empty: the preset's.
    std::string tool;
    std::string argument;
};

struct RemoteTool {
    std::string name;
    std::string description;
    boost::json::object input_schema;
};

struct ToolCallResult {
    bool is_error = false;
    std::string text;               // the text blocks, joined by blank lines
    boost::json::value structured;  // structuredContent, null when absent
};

struct McpClientOptions {
    std::chrono::milliseconds call_timeout{10'000};  // each request, connecting included
    std::size_t max_response_bytes = std::size_t{4} << 20;
};

// One session with one server. Calls are made one at a time, from one coroutine on a
// single-threaded executor or a strand (the legacy transport waits on an http::MessageQueue).
// Errors: kTimeout (the call's timeout passed), kUnavailable (unreachable, refused),
// kUpstream (an HTTP error status or a JSON-RPC error from the server), kUnauthorized (401/403).
class McpClient {
public:
    // `http` must outlive the client.
    McpClient(http::Client& http, ServerConfig server, McpClientOptions options);
    ~McpClient();
    McpClient(const McpClient&) = delete;
    McpClient& operator=(const McpClient&) = delete;

    // initialize (our latest protocol version) and notifications/initialized.
    net::awaitable<core::Result<void>> Connect();
    net::awaitable<core::Result<std::vector<RemoteTool>>> ListTools();
    net::awaitable<core::Result<ToolCallResult>> CallTool(std::string name,
                                                          boost::json::object arguments);
    // Ends the session: closes the legacy stream, DELETEs a Streamable HTTP session.
    net::awaitable<void> Close();

    const std::string& ProtocolVersion() const { return protocol_version_; }
    const ServerConfig& Server() const { return server_; }

private:
    struct Stream;
    net::awaitable<core::Result<boost::json::value>> Request(std::string method,
                                                             boost::json::value params);
    net::awaitable<core::Result<void>> Notify(std::string method);
    net::awaitable<core::Result<http::OutboundResponse>> Post(std::string url, std::string body);
    net::awaitable<core::Result<void>> OpenStream();
    net::awaitable<core::Result<boost::json::value>> AwaitStreamAnswer(
        std::int64_t id, std::chrono::steady_clock::time_point deadline);
    std::vector<http::Header> Headers() const;

    http::Client& http_;
    ServerConfig server_;
    McpClientOptions options_;
    std::string session_id_;        // Streamable HTTP
    std::string protocol_version_;  // after Connect
    std::string message_url_;       // legacy: from the endpoint event
    std::shared_ptr<Stream> stream_;
    std::int64_t next_id_ = 1;
};

// The URL of a legacy endpoint event, resolved against the stream's URL: absolute URLs as
// they are, "/path" on the stream's origin, anything else beside the stream's path. Pure.
std::string ResolveEndpoint(std::string_view stream_url, std::string_view endpoint);

}  // namespace nectr::mcp
