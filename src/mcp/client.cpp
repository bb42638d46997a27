#include "mcp/client.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>

#include "core/log.hpp"
#include "core/version.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/protocol.hpp"
#include "mcp/sse_parser.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;
using SteadyClock = std::chrono::steady_clock;

core::Error Upstream(const ServerConfig& server, std::string detail) {
    return core::MakeError(core::Errc::kUpstream, server.name + ": " + std::move(detail));
}

core::Error StatusError(const ServerConfig& server, int status) {
    const core::Errc code =
        status == 401 || status == 403 ? core::Errc::kUnauthorized : core::Errc::kUpstream;
    return core::MakeError(code, server.name + ": HTTP " + std::to_string(status));
}

// The result of the answer to `id` in a JSON-RPC message, or nullopt when it answers another.
std::optional<core::Result<json::value>> AnswerTo(const ServerConfig& server,
                                                  const json::value& message, std::int64_t id) {
    const json::object* object = message.if_object();
    if (object == nullptr) {
        return std::nullopt;
    }
    const json::value* answer_id = object->if_contains("id");
    if (answer_id == nullptr || !answer_id->is_int64() || answer_id->as_int64() != id) {
        return std::nullopt;
    }
    if (const json::value* error = object->if_contains("error"); error != nullptr) {
        const json::value* text =
            error->is_object() ? error->as_object().if_contains("message") : nullptr;
        return core::Result<json::value>(
            Upstream(server, text != nullptr && text->is_string()
                                 ? std::string(text->as_string())
                                 : std::string("an error without message")));
    }
    const json::value* result = object->if_contains("result");
    if (result == nullptr) {
        return core::Result<json::value>(Upstream(server, "an answer without a result"));
    }
    return core::Result<json::value>(*result);
}

// The answer to `id` in a POST's body: JSON (one message or a batch) or an SSE stream.
core::Result<json::value> ReadPostAnswer(const ServerConfig& server,
                                         const http::OutboundResponse& response, std::int64_t id) {
    const std::string type(response.Header("content-type").value_or(""));
    std::vector<json::value> messages;
    boost::system::error_code ec;
    if (type.starts_with("text/event-stream")) {
        SseParser parser;
        for (const SseEvent& event : parser.Feed(response.body + "\n\n")) {
            json::value parsed = json::parse(event.data, ec);
            if (!ec) {
                messages.push_back(std::move(parsed));
            }
        }
    } else {
        json::value parsed = json::parse(response.body, ec);
        if (ec) {
            return Upstream(server, "the answer is not JSON");
        }
        if (parsed.is_array()) {
            for (json::value& item : parsed.as_array()) {
                messages.push_back(std::move(item));
            }
        } else {
            messages.push_back(std::move(parsed));
        }
    }
    for (const json::value& message : messages) {
        if (std::optional<core::Result<json::value>> answer = AnswerTo(server, message, id)) {
            return std::move(*answer);
        }
    }
    return Upstream(server, "no answer to the request came back");
}

}  // namespace

// The legacy transport's open event stream: the curl thread parses what arrives and queues
// each event as "<type>\n<data>" for the client's coroutine.
struct McpClient::Stream {
    http::MessageQueue events;
    std::mutex mutex;  // guards parser (the curl thread) against nothing else, kept for clarity
    SseParser parser;
    http::Client::RequestId request_id = 0;
    int status = 0;
};

McpClient::McpClient(http::Client& http, ServerConfig server, McpClientOptions options)
    : http_(http), server_(std::move(server)), options_(options) {}

McpClient::~McpClient() {
    if (stream_) {
        http_.Abort(stream_->request_id);
        stream_->events.Close();
    }
}

std::vector<http::Header> McpClient::Headers() const {
    std::vector<http::Header> headers{{"Content-Type", "application/json"},
                                      {"Accept", "application/json, text/event-stream"}};
    if (!server_.auth_header.empty()) {
        headers.push_back({"Authorization", server_.auth_header});
    }
    if (!session_id_.empty()) {
        headers.push_back({"Mcp-Session-Id", session_id_});
    }
    if (!protocol_version_.empty()) {
        headers.push_back({"MCP-Protocol-Version", protocol_version_});
    }
    return headers;
}

net::awaitable<core::Result<http::OutboundResponse>> McpClient::Post(std::string url,
                                                                     std::string body) {
    http::OutboundRequest request;
    request.method = "POST";
    request.url = std::move(url);
    request.headers = Headers();
    request.body = std::move(body);
    request.timeout = options_.call_timeout;
    request.max_response_bytes = options_.max_response_bytes;
    net::awaitable<core::Result<http::OutboundResponse>> pending =
        http::Send(http_, std::move(request));
    co_return co_await std::move(pending);
}

net::awaitable<core::Result<void>> McpClient::OpenStream() {
    auto stream = std::make_shared<Stream>();
    http::OutboundRequest request;
    request.url = server_.url;
    request.headers = {{"Accept", "text/event-stream"}};
    if (!server_.auth_header.empty()) {
        request.headers.push_back({"Authorization", server_.auth_header});
    }
    // The stream lives as long as the session; each call has its own deadline.
    request.timeout = std::chrono::hours(1);
    std::weak_ptr<Stream> weak = stream;
    request.on_body = [weak](int status, std::string_view piece) {
        std::shared_ptr<Stream> alive = weak.lock();
        if (!alive) {
            return false;
        }
        std::lock_guard lock(alive->mutex);
        if (status != 200) {
            alive->events.Push("status\n" + std::to_string(status));
            return false;
        }
        for (const SseEvent& event : alive->parser.Feed(piece)) {
            alive->events.Push(event.event + "\n" + event.data);
        }
        return true;
    };
    stream->request_id =
        http_.Start(std::move(request), [weak](core::Result<http::OutboundResponse> done) {
            if (std::shared_ptr<Stream> alive = weak.lock()) {
                if (done && done->status != 200) {
                    alive->events.Push("status\n" + std::to_string(done->status));
                }
                alive->events.Close();
            }
        });
    stream_ = stream;
    const auto deadline = SteadyClock::now() + options_.call_timeout;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
        http::MessageQueue::Popped popped =
            co_await stream_->events.Pop(std::max(left, std::chrono::milliseconds(0)));
        if (popped.outcome == http::MessageQueue::Outcome::kTimeout) {
            co_return core::MakeError(core::Errc::kTimeout,
                                      server_.name + ": no endpoint event within " +
                                          std::to_string(options_.call_timeout.count()) + " ms");
        }
        if (popped.outcome == http::MessageQueue::Outcome::kClosed) {
            co_return core::MakeError(core::Errc::kUnavailable,
                                      server_.name + ": the event stream ended");
        }
        const std::size_t newline = popped.message.find('\n');
        const std::string type = popped.message.substr(0, newline);
        const std::string data = popped.message.substr(newline + 1);
        if (type == "status") {
            co_return StatusError(server_, std::stoi(data));
        }
        if (type == "endpoint") {
            message_url_ = ResolveEndpoint(server_.url, data);
            co_return core::Result<void>();
        }
    }
}

net::awaitable<core::Result<json::value>> McpClient::AwaitStreamAnswer(
    std::int64_t id, SteadyClock::time_point deadline) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
        if (left.count() <= 0) {
            break;
        }
        http::MessageQueue::Popped popped = co_await stream_->events.Pop(left);
        if (popped.outcome == http::MessageQueue::Outcome::kClosed) {
            co_return core::MakeError(core::Errc::kUnavailable,
                                      server_.name + ": the event stream ended");
        }
        if (popped.outcome != http::MessageQueue::Outcome::kMessage) {
            continue;
        }
        const std::size_t newline = popped.message.find('\n');
        if (popped.message.substr(0, newline) != "message") {
            continue;
        }
        boost::system::error_code ec;
        json::value message = json::parse(popped.message.substr(newline + 1), ec);
        if (ec) {
            continue;
        }
        if (std::optional<core::Result<json::value>> answer = AnswerTo(server_, message, id)) {
            co_return std::move(*answer);
        }
    }
    co_return core::MakeError(core::Errc::kTimeout,
                              server_.name + ": no answer within " +
                                  std::to_string(options_.call_timeout.count()) + " ms");
}

net::awaitable<core::Result<json::value>> McpClient::Request(std::string method,
                                                             json::value params) {
    const std::int64_t id = next_id_++;
    const auto deadline = SteadyClock::now() + options_.call_timeout;
    const std::string body = json::serialize(MakeRequest(id, method, std::move(params)));
    const bool legacy = server_.transport == TransportKind::kSse;
    net::awaitable<core::Result<http::OutboundResponse>> posting =
        Post(legacy ? message_url_ : server_.url, body);
    core::Result<http::OutboundResponse> response = co_await std::move(posting);
    if (!response) {
        co_return response.error();
    }
    if (response->status < 200 || response->status > 299) {
        co_return StatusError(server_, response->status);
    }
    if (legacy) {
        net::awaitable<core::Result<json::value>> waiting = AwaitStreamAnswer(id, deadline);
        co_return co_await std::move(waiting);
    }
    if (std::optional<std::string_view> session = response->Header("mcp-session-id")) {
        session_id_ = std::string(*session);
    }
    co_return ReadPostAnswer(server_, *response, id);
}

net::awaitable<core::Result<void>> McpClient::Notify(std::string method) {
    const std::string body = json::serialize(MakeRequest(nullptr, method, nullptr));
    const bool legacy = server_.transport == TransportKind::kSse;
    net::awaitable<core::Result<http::OutboundResponse>> posting =
        Post(legacy ? message_url_ : server_.url, body);
    core::Result<http::OutboundResponse> response = co_await std::move(posting);
    if (!response) {
        co_return response.error();
    }
    if (response->status < 200 || response->status > 299) {
        co_return StatusError(server_, response->status);
    }
    co_return core::Result<void>();
}

net::awaitable<core::Result<void>> McpClient::Connect() {
    if (server_.url.empty()) {
        co_return core::MakeError(core::Errc::kInvalidInput, server_.name + " has no URL");
    }
    if (server_.transport == TransportKind::kSse) {
        net::awaitable<core::Result<void>> opening = OpenStream();
        core::Result<void> opened = co_await std::move(opening);
        if (!opened) {
            co_return opened.error();
        }
    }
    json::object params{
        {"protocolVersion", kLatestVersion},
        {"capabilities", json::object()},
        {"clientInfo", json::object{{"name", core::kServiceName}, {"version", core::kVersion}}}};
    net::awaitable<core::Result<json::value>> initializing =
        Request("initialize", std::move(params));
    core::Result<json::value> result = co_await std::move(initializing);
    if (!result) {
        co_return result.error();
    }
    const json::value* version =
        result->is_object() ? result->as_object().if_contains("protocolVersion") : nullptr;
    if (version == nullptr || !version->is_string() || !IsSupportedVersion(version->as_string())) {
        co_return Upstream(server_, "the server speaks no protocol version Nectr knows");
    }
    protocol_version_ = std::string(version->as_string());
    net::awaitable<core::Result<void>> notifying = Notify("notifications/initialized");
    co_return co_await std::move(notifying);
}

net::awaitable<core::Result<std::vector<RemoteTool>>> McpClient::ListTools() {
    net::awaitable<core::Result<json::value>> pending = Request("tools/list", json::object());
    core::Result<json::value> result = co_await std::move(pending);
    if (!result) {
        co_return result.error();
    }
    std::vector<RemoteTool> tools;
    const json::value* list =
        result->is_object() ? result->as_object().if_contains("tools") : nullptr;
    if (list == nullptr || !list->is_array()) {
        co_return Upstream(server_, "tools/list answered without tools");
    }
    for (const json::value& item : list->as_array()) {
        const json::object* tool = item.if_object();
        if (tool == nullptr || !tool->contains("name") || !tool->at("name").is_string()) {
            continue;
        }
        RemoteTool remote;
        remote.name = std::string(tool->at("name").as_string());
        if (const json::value* text = tool->if_contains("description");
            text != nullptr && text->is_string()) {
            remote.description = std::string(text->as_string());
        }
        if (const json::value* schema = tool->if_contains("inputSchema");
            schema != nullptr && schema->is_object()) {
            remote.input_schema = schema->as_object();
        }
        tools.push_back(std::move(remote));
    }
    co_return tools;
}

net::awaitable<core::Result<ToolCallResult>> McpClient::CallTool(std::string name,
                                                                 json::object arguments) {
    net::awaitable<core::Result<json::value>> pending =
        Request("tools/call", json::object{{"name", name}, {"arguments", std::move(arguments)}});
    core::Result<json::value> result = co_await std::move(pending);
    if (!result) {
        co_return result.error();
    }
    const json::object* object = result->if_object();
    if (object == nullptr) {
        co_return Upstream(server_, "tools/call answered without a result object");
    }
    ToolCallResult call;
    if (const json::value* flag = object->if_contains("isError");
        flag != nullptr && flag->is_bool()) {
        call.is_error = flag->as_bool();
    }
    if (const json::value* content = object->if_contains("content");
        content != nullptr && content->is_array()) {
        for (const json::value& block : content->as_array()) {
            const json::object* item = block.if_object();
            if (item != nullptr && item->contains("text") && item->at("text").is_string()) {
                call.text +=
                    (call.text.empty() ? "" : "\n\n") + std::string(item->at("text").as_string());
            }
        }
    }
    if (const json::value* structured = object->if_contains("structuredContent")) {
        call.structured = *structured;
    }
    co_return call;
}

net::awaitable<void> McpClient::Close() {
    if (stream_) {
        http_.Abort(stream_->request_id);
        stream_->events.Close();
        stream_.reset();
        co_return;
    }
    if (session_id_.empty()) {
        co_return;
    }
    http::OutboundRequest request;
    request.method = "DELETE";
    request.url = server_.url;
    request.headers = Headers();
    request.timeout = options_.call_timeout;
    net::awaitable<core::Result<http::OutboundResponse>> pending =
        http::Send(http_, std::move(request));
    core::Result<http::OutboundResponse> ended = co_await std::move(pending);
    if (!ended) {
        NECTR_LOG_DEBUG("mcp.client_close_failed", "server={} error={}", server_.name,
                        ended.error().detail);
    }
    session_id_.clear();
}

std::string ResolveEndpoint(std::string_view stream_url, std::string_view endpoint) {
    if (endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
        return std::string(endpoint);
    }
    const std::size_t scheme = stream_url.find("://");
    const std::size_t path_start = scheme == std::string_view::npos
                                       ? std::string_view::npos
                                       : stream_url.find('/', scheme + 3);
    const std::string_view origin = stream_url.substr(0, path_start);
    if (endpoint.starts_with('/')) {
        return std::string(origin) + std::string(endpoint);
    }
    std::string_view path =
        path_start == std::string_view::npos ? "/" : stream_url.substr(path_start);
    path = path.substr(0, path.find('?'));
    path = path.substr(0, path.rfind('/') + 1);
    return std::string(origin) + std::string(path) + std::string(endpoint);
}

}  // namespace nectr::mcp
