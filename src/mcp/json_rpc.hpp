#pragma once

// JSON-RPC 2.0 as MCP uses it: the message kinds, the error codes, and the pure parsing and
// building of messages. No I/O.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::mcp {

namespace json = boost::json;

// JSON-RPC's reserved codes, and MCP's code for a resource that does not exist.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kResourceNotFound = -32002;

struct RpcError {
    int code = kInternalError;
    std::string message;
    std::optional<json::value> data;
};

enum class MessageKind { kRequest, kNotification, kResponse };

// One well-formed message. Requests carry an id (a string or an integer); notifications none;
// responses (a client answering a server's request) a result or an error.
struct RpcMessage {
    MessageKind kind = MessageKind::kRequest;
    json::value id;  // null for notifications
    std::string method;
    json::value params;  // null when absent
};

// A message that could not be read, with the id to answer it under (null when unknown).
struct BadMessage {
    json::value id;
    RpcError error;
};

struct ParsedEntry {
    std::optional<RpcMessage> message;
    std::optional<BadMessage> bad;  // set when message is not
};

// What arrived in one body or line: a single message, or a batch (a JSON array).
struct Incoming {
    bool batch = false;
    std::vector<ParsedEntry> entries;
    // Set when the text as a whole could not be used (not JSON, an empty batch): answered with
    // this one error and nothing else.
    std::optional<BadMessage> fatal;
};

// Reads a body or line. Never throws; malformed input comes back as BadMessage entries.
Incoming ParseIncoming(std::string_view text);

// {"jsonrpc":"2.0","id":...,"result":...}
json::object MakeResultResponse(const json::value& id, json::value result);
// {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...,"data"?:...}}
json::object MakeErrorResponse(const json::value& id, const RpcError& error);
// {"jsonrpc":"2.0","id":...,"method":...,"params"?:...}; a null id makes a notification.
json::object MakeRequest(const json::value& id, std::string_view method, json::value params);

}  // namespace nectr::mcp
