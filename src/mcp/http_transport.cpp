#include "mcp/http_transport.hpp"

#include <boost/json/serialize.hpp>
#include <memory>

#include "core/log.hpp"
#include "http/stream.hpp"
#include "mcp/http_guard.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/protocol.hpp"
#include "mcp/sessions.hpp"

namespace nectr::mcp {
namespace {

constexpr std::string_view kSessionHeader = "Mcp-Session-Id";
constexpr std::string_view kVersionHeader = "MCP-Protocol-Version";
// JSON-RPC codes the TypeScript SDK's server uses for transport failures, which its clients
// recognise: -32000 a bad request, -32001 an unknown session.
constexpr int kTransportError = -32000;
constexpr int kSessionNotFound = -32001;

struct Transport {
    explicit Transport(const McpHttpDeps& in)
        : deps(in),
          sessions(in.session_idle_timeout, in.max_sessions_per_user),
          streams(in.max_sessions_per_user) {}
    McpHttpDeps deps;
    SessionTable sessions;
    SseSessionTable streams;
};
using TransportPtr = std::shared_ptr<Transport>;

// Origin, then the token: a foreign page learns nothing, not even whether a token is valid.
net::awaitable<std::variant<Access, http::Response>> Admit(const Transport& transport,
                                                           const http::Request& request) {
    if (std::optional<http::Response> refused =
            CheckOrigin(request, transport.deps.allowed_origins)) {
        co_return std::move(*refused);
    }
    net::awaitable<std::variant<Access, http::Response>> pending =
        Authenticate(transport.deps.authenticate, request);
    co_return co_await std::move(pending);
}

bool HasInitialize(const Incoming& incoming) {
    for (const ParsedEntry& entry : incoming.entries) {
        if (entry.message && entry.message->method == "initialize") {
            return true;
        }
    }
    return false;
}

// The answer to a POST: JSON, or one SSE event when the client takes only event streams.
http::Response Reply(const http::Request& request, std::optional<std::string> body) {
    if (!body) {
        return http::Response::Text(202, "");
    }
    http::Response response =
        Accepts(request, "application/json")
            ? http::Response::Json(200, std::move(*body))
            : http::Response::Text(200, "event: message\ndata: " + *body + "\n\n",
                                   "text/event-stream");
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

std::optional<http::Response> CheckVersionHeader(const http::Request& request) {
    const std::optional<std::string_view> version = request.Header(kVersionHeader);
    if (version && !IsSupportedVersion(*version)) {
        return JsonRpcFailure(
            400, kTransportError,
            "Bad Request: unsupported MCP-Protocol-Version " + std::string(version->substr(0, 40)));
    }
    return std::nullopt;
}

std::optional<http::Response> CheckPostHeaders(const http::Request& request) {
    if (std::optional<http::Response> refused = CheckJsonBody(request)) {
        return refused;
    }
    if (!Accepts(request, "application/json") && !Accepts(request, "text/event-stream")) {
        return JsonRpcFailure(406, kTransportError,
                              "Not Acceptable: accept application/json or text/event-stream");
    }
    return CheckVersionHeader(request);
}

net::awaitable<http::Response> Initialize(TransportPtr transport, const http::Request& request,
                                          Incoming incoming, Access access) {
    if (incoming.entries.size() != 1) {
        co_return JsonRpcFailure(400, kInvalidRequest,
                                 "Invalid Request: initialize must be sent alone");
    }
    SessionState state;
    net::awaitable<std::optional<std::string>> pending =
        transport->deps.server->GetDispatcher().HandleIncoming(std::move(incoming), access, &state);
    std::optional<std::string> body = co_await std::move(pending);
    http::Response response = Reply(request, std::move(body));
    if (!state.protocol_version.empty()) {  // initialize succeeded
        const std::string id =
            transport->sessions.Create(access.user_id, state, transport->deps.clock->Steady());
        response.SetHeader(std::string(kSessionHeader), id);
        NECTR_LOG_INFO("mcp.session_opened", "transport=streamable_http user_id={} version={}",
                       access.user_id, state.protocol_version);
    }
    co_return response;
}

net::awaitable<http::Response> HandlePost(TransportPtr transport, http::Request request) {
    net::awaitable<std::variant<Access, http::Response>> admitting = Admit(*transport, request);
    std::variant<Access, http::Response> admitted = co_await std::move(admitting);
    if (auto* refused = std::get_if<http::Response>(&admitted)) {
        co_return std::move(*refused);
    }
    Access access = std::get<Access>(admitted);
    if (std::optional<http::Response> refused = CheckPostHeaders(request)) {
        co_return std::move(*refused);
    }
    Incoming incoming = ParseIncoming(request.body);
    if (incoming.fatal) {
        co_return http::Response::Json(400, boost::json::serialize(MakeErrorResponse(
                                                incoming.fatal->id, incoming.fatal->error)));
    }
    if (HasInitialize(incoming)) {
        co_return co_await Initialize(transport, request, std::move(incoming), std::move(access));
    }
    const std::optional<std::string_view> session_id = request.Header(kSessionHeader);
    if (!session_id) {
        co_return JsonRpcFailure(400, kTransportError,
                                 "Bad Request: Mcp-Session-Id header is required");
    }
    std::optional<SessionState> state = transport->sessions.Find(
        std::string(*session_id), access.user_id, transport->deps.clock->Steady());
    if (!state) {
        co_return JsonRpcFailure(404, kSessionNotFound, "Session not found");
    }
    net::awaitable<std::optional<std::string>> pending =
        transport->deps.server->GetDispatcher().HandleIncoming(std::move(incoming), access,
                                                               &*state);
    std::optional<std::string> body = co_await std::move(pending);
    co_return Reply(request, std::move(body));
}

net::awaitable<http::Response> HandleDelete(TransportPtr transport, http::Request request) {
    net::awaitable<std::variant<Access, http::Response>> admitting = Admit(*transport, request);
    std::variant<Access, http::Response> admitted = co_await std::move(admitting);
    if (auto* refused = std::get_if<http::Response>(&admitted)) {
        co_return std::move(*refused);
    }
    const Access& access = std::get<Access>(admitted);
    const std::optional<std::string_view> session_id = request.Header(kSessionHeader);
    if (!session_id) {
        co_return JsonRpcFailure(400, kTransportError,
                                 "Bad Request: Mcp-Session-Id header is required");
    }
    if (!transport->sessions.Remove(std::string(*session_id), access.user_id)) {
        co_return JsonRpcFailure(404, kSessionNotFound, "Session not found");
    }
    NECTR_LOG_INFO("mcp.session_closed", "transport=streamable_http user_id={}", access.user_id);
    co_return http::Response::Text(204, "");
}

// The legacy transport's event stream: the endpoint first, then each answer, with comment
// lines while idle so that a vanished client is noticed at the next write.
class LegacyStream final : public http::ResponseStream {
public:
    LegacyStream(TransportPtr transport, std::shared_ptr<SseSession> session)
        : transport_(std::move(transport)), session_(std::move(session)) {}

    net::awaitable<void> Produce(http::StreamWriter& writer) override {
        const std::string endpoint =
            "event: endpoint\ndata: /mcp/messages?sessionId=" + session_->id + "\n\n";
        bool open = co_await writer.Write(endpoint);
        const auto keepalive =
            std::chrono::duration_cast<std::chrono::milliseconds>(transport_->deps.sse_keepalive);
        while (open) {
            http::MessageQueue::Popped popped = co_await session_->queue->Pop(keepalive);
            if (popped.outcome == http::MessageQueue::Outcome::kClosed) {
                break;
            }
            const std::string event = popped.outcome == http::MessageQueue::Outcome::kMessage
                                          ? "event: message\ndata: " + popped.message + "\n\n"
                                          : std::string(": keepalive\n\n");
            open = co_await writer.Write(event);
        }
        End();
    }

    void Cancel() override { session_->queue->Close(); }

    ~LegacyStream() override { End(); }

private:
    void End() {
        session_->queue->Close();
        transport_->streams.Close(session_->id);
    }

    TransportPtr transport_;
    std::shared_ptr<SseSession> session_;
};

net::awaitable<http::Response> HandleSse(TransportPtr transport, http::Request request) {
    net::awaitable<std::variant<Access, http::Response>> admitting = Admit(*transport, request);
    std::variant<Access, http::Response> admitted = co_await std::move(admitting);
    if (auto* refused = std::get_if<http::Response>(&admitted)) {
        co_return std::move(*refused);
    }
    const Access& access = std::get<Access>(admitted);
    std::shared_ptr<SseSession> session = transport->streams.Open(access.user_id);
    if (!session) {
        co_return http::ErrorResponse(429, "rate_limited", "too many MCP streams are open");
    }
    NECTR_LOG_INFO("mcp.session_opened", "transport=sse user_id={}", access.user_id);
    http::Response response = http::StreamingResponse(
        200, "text/event-stream", std::make_shared<LegacyStream>(transport, session));
    response.SetHeader("Cache-Control", "no-store");
    response.SetHeader("X-Accel-Buffering", "no");  // proxies must not hold events back
    co_return response;
}

net::awaitable<http::Response> HandleMessage(TransportPtr transport, http::Request request) {
    net::awaitable<std::variant<Access, http::Response>> admitting = Admit(*transport, request);
    std::variant<Access, http::Response> admitted = co_await std::move(admitting);
    if (auto* refused = std::get_if<http::Response>(&admitted)) {
        co_return std::move(*refused);
    }
    Access access = std::get<Access>(admitted);
    const std::optional<std::string> id = request.QueryParam("sessionId");
    std::shared_ptr<SseSession> session =
        id ? transport->streams.Find(*id, access.user_id) : nullptr;
    if (!session) {
        co_return JsonRpcFailure(404, kSessionNotFound, "Session not found");
    }
    if (std::optional<http::Response> refused = CheckJsonBody(request)) {
        co_return std::move(*refused);
    }
    SessionState state;
    {
        std::lock_guard lock(session->mutex);
        state = session->state;
    }
    net::awaitable<std::optional<std::string>> pending =
        transport->deps.server->GetDispatcher().Handle(request.body, access, &state);
    std::optional<std::string> answer = co_await std::move(pending);
    {
        std::lock_guard lock(session->mutex);
        if (session->state.protocol_version.empty()) {
            session->state = state;  // initialize settled the version
        }
    }
    if (answer) {
        session->queue->Push(std::move(*answer));
    }
    co_return http::Response::Text(202, "Accepted");
}

}  // namespace

void AddMcpRoutes(http::Router& router, const McpHttpDeps& deps) {
    NECTR_ASSERT(deps.server != nullptr && deps.authenticate && deps.clock != nullptr,
                 "the MCP routes need a server, an authenticator and a clock");
    auto transport = std::make_shared<Transport>(deps);
    router.Add(
        {"POST", "/mcp",
         [transport](http::Request request) { return HandlePost(transport, std::move(request)); },
         deps.max_body_bytes});
    router.Add({"DELETE", "/mcp", [transport](http::Request request) {
                    return HandleDelete(transport, std::move(request));
                }});
    router.Add({"GET", "/mcp/sse", [transport](http::Request request) {
                    return HandleSse(transport, std::move(request));
                }});
    router.Add({"POST", "/mcp/messages",
                [transport](http::Request request) {
                    return HandleMessage(transport, std::move(request));
                },
                deps.max_body_bytes});
}

}  // namespace nectr::mcp
