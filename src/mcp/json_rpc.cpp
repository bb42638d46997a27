#include "mcp/json_rpc.hpp"

#include <boost/json/parse.hpp>

namespace nectr::mcp {
namespace {

bool IsValidId(const json::value& id) { return id.is_string() || id.is_int64() || id.is_uint64(); }

ParsedEntry Bad(json::value id, int code, std::string message) {
    ParsedEntry entry;
    entry.bad = BadMessage{std::move(id), RpcError{code, std::move(message), std::nullopt}};
    return entry;
}

ParsedEntry ReadEntry(const json::value& value) {
    if (!value.is_object()) {
        return Bad(nullptr, kInvalidRequest, "a JSON-RPC message must be an object");
    }
    const json::object& object = value.as_object();
    const json::value* id = object.if_contains("id");
    // An id that is not usable is not echoed back: the answer goes under null.
    json::value answer_id = id != nullptr && IsValidId(*id) ? *id : json::value(nullptr);
    const json::value* version = object.if_contains("jsonrpc");
    if (version == nullptr || !version->is_string() || version->as_string() != "2.0") {
        return Bad(answer_id, kInvalidRequest, "\"jsonrpc\" must be \"2.0\"");
    }
    const json::value* method = object.if_contains("method");
    if (method == nullptr) {
        if (object.contains("result") || object.contains("error")) {
            ParsedEntry entry;
            entry.message = RpcMessage{MessageKind::kResponse, answer_id, {}, nullptr};
            return entry;
        }
        return Bad(answer_id, kInvalidRequest, "a request needs a \"method\"");
    }
    if (!method->is_string()) {
        return Bad(answer_id, kInvalidRequest, "\"method\" must be a string");
    }
    if (id != nullptr && !IsValidId(*id)) {
        return Bad(nullptr, kInvalidRequest, "\"id\" must be a string or an integer");
    }
    const json::value* params = object.if_contains("params");
    if (params != nullptr && !params->is_object() && !params->is_array()) {
        return Bad(answer_id, kInvalidRequest, "\"params\" must be an object or an array");
    }
    ParsedEntry entry;
    entry.message = RpcMessage{id != nullptr ? MessageKind::kRequest : MessageKind::kNotification,
                               answer_id, std::string(method->as_string()),
                               params != nullptr ? *params : json::value(nullptr)};
    return entry;
}

}  // namespace

Incoming ParseIncoming(std::string_view text) {
    Incoming incoming;
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec) {
        incoming.fatal = BadMessage{nullptr, {kParseError, "parse error: " + ec.message(), {}}};
        return incoming;
    }
    if (!parsed.is_array()) {
        incoming.entries.push_back(ReadEntry(parsed));
        return incoming;
    }
    incoming.batch = true;
    const json::array& items = parsed.as_array();
    if (items.empty()) {
        incoming.fatal = BadMessage{nullptr, {kInvalidRequest, "an empty batch", {}}};
        return incoming;
    }
    for (const json::value& item : items) {
        incoming.entries.push_back(ReadEntry(item));
    }
    return incoming;
}

json::object MakeResultResponse(const json::value& id, json::value result) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json::object MakeErrorResponse(const json::value& id, const RpcError& error) {
    json::object body{{"code", error.code}, {"message", error.message}};
    if (error.data) {
        body["data"] = *error.data;
    }
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(body)}};
}

json::object MakeRequest(const json::value& id, std::string_view method, json::value params) {
    json::object request{{"jsonrpc", "2.0"}, {"method", method}};
    if (!id.is_null()) {
        request["id"] = id;
    }
    if (!params.is_null()) {
        request["params"] = std::move(params);
    }
    return request;
}

}  // namespace nectr::mcp
