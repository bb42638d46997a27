#include "mcp/dispatcher.hpp"

#include <boost/json/serialize.hpp>

#include "core/log.hpp"
#include "core/version.hpp"
#include "mcp/protocol.hpp"

namespace nectr::mcp {
namespace {

// Tool titles, output schemas and structured content came with 2025-06-18.
constexpr std::string_view kStructuredSince = "2025-06-18";

constexpr const char* kInstructions =
    "Nectr reviews GitHub pull requests. Its tools answer about the repositories connected to "
    "Nectr that you may see: recent reviews and verdicts, contributors, repository health, "
    "memory and file experts, and they can review a pasted unified diff. Name repositories as "
    "owner/name.";

Dispatcher::Outcome Fail(int code, std::string message) {
    return {nullptr, RpcError{code, std::move(message), std::nullopt}};
}

json::value ToolResult(core::Result<json::object> outcome, bool structured) {
    if (!outcome) {
        return json::object{{"content", json::array{json::object{
                                            {"type", "text"}, {"text", outcome.error().detail}}}},
                            {"isError", true}};
    }
    // The text block repeats the structured output, for clients that read text only.
    json::object result{{"content", json::array{json::object{{"type", "text"},
                                                             {"text", json::serialize(*outcome)}}}},
                        {"isError", false}};
    if (structured) {
        result["structuredContent"] = std::move(*outcome);
    }
    return result;
}

bool IsBeforeInitializeAllowed(std::string_view method) {
    return method == "initialize" || method == "ping";
}

}  // namespace

Dispatcher::Dispatcher(const std::vector<ToolDefinition>& tools, ResourceCatalog& resources)
    : tools_(tools), resources_(resources) {}

net::awaitable<std::optional<std::string>> Dispatcher::Handle(std::string text, Access access,
                                                              SessionState* state) {
    net::awaitable<std::optional<std::string>> pending =
        HandleIncoming(ParseIncoming(text), std::move(access), state);
    co_return co_await std::move(pending);
}

net::awaitable<std::optional<std::string>> Dispatcher::HandleIncoming(Incoming incoming,
                                                                      Access access,
                                                                      SessionState* state) {
    if (incoming.fatal) {
        co_return json::serialize(MakeErrorResponse(incoming.fatal->id, incoming.fatal->error));
    }
    json::array replies;
    for (ParsedEntry& entry : incoming.entries) {
        if (entry.bad) {
            replies.push_back(MakeErrorResponse(entry.bad->id, entry.bad->error));
            continue;
        }
        std::optional<json::object> reply =
            co_await HandleMessage(std::move(*entry.message), access, state);
        if (reply) {
            replies.push_back(std::move(*reply));
        }
    }
    if (replies.empty()) {
        co_return std::nullopt;
    }
    if (!incoming.batch) {
        co_return json::serialize(replies.front());
    }
    co_return json::serialize(replies);
}

net::awaitable<std::optional<json::object>> Dispatcher::HandleMessage(RpcMessage message,
                                                                      Access access,
                                                                      SessionState* state) {
    if (message.kind == MessageKind::kResponse) {
        co_return std::nullopt;  // this server sends no requests, so no answer is awaited
    }
    if (message.kind == MessageKind::kNotification) {
        // notifications/initialized, notifications/cancelled (requests here finish before a
        // cancellation could matter), and any other: nothing to answer.
        NECTR_LOG_DEBUG("mcp.notification", "method={}", message.method);
        co_return std::nullopt;
    }
    Outcome outcome = co_await Run(message, std::move(access), state);
    if (outcome.error) {
        co_return MakeErrorResponse(message.id, *outcome.error);
    }
    co_return MakeResultResponse(message.id, std::move(outcome.result));
}

net::awaitable<Dispatcher::Outcome> Dispatcher::Run(const RpcMessage& message, Access access,
                                                    SessionState* state) {
    const std::string& method = message.method;
    if (state->protocol_version.empty() && !IsBeforeInitializeAllowed(method)) {
        co_return Fail(kInvalidRequest, "the session is not initialized: send initialize first");
    }
    if (method == "initialize") {
        if (!message.params.is_object()) {
            co_return Fail(kInvalidParams, "initialize needs params with a protocolVersion");
        }
        const json::value* version = message.params.as_object().if_contains("protocolVersion");
        if (version == nullptr || !version->is_string()) {
            co_return Fail(kInvalidParams, "initialize needs params.protocolVersion (a string)");
        }
        co_return Outcome{Initialize(message.params, state), std::nullopt};
    }
    if (method == "ping") {
        co_return Outcome{json::object(), std::nullopt};
    }
    if (method == "tools/list") {
        co_return Outcome{ListTools(*state), std::nullopt};
    }
    if (method == "tools/call") {
        co_return co_await CallTool(message.params, std::move(access), *state);
    }
    if (method == "resources/list") {
        co_return co_await ListResources(std::move(access));
    }
    if (method == "resources/templates/list") {
        co_return Outcome{ListTemplates(*state), std::nullopt};
    }
    if (method == "resources/read") {
        co_return co_await ReadResource(message.params, std::move(access));
    }
    co_return Fail(kMethodNotFound, "method not found: " + method);
}

json::object Dispatcher::Initialize(const json::value& params, SessionState* state) const {
    const json::object& request = params.as_object();
    const std::string requested(request.at("protocolVersion").as_string());
    state->protocol_version = NegotiateVersion(requested);
    if (const json::value* info = request.if_contains("clientInfo");
        info != nullptr && info->is_object()) {
        if (const json::value* name = info->as_object().if_contains("name");
            name != nullptr && name->is_string()) {
            state->client_name = std::string(name->as_string());
        }
    }
    NECTR_LOG_INFO("mcp.initialized", "client={} requested={} version={}", state->client_name,
                   requested, state->protocol_version);
    json::object server_info{{"name", core::kServiceName}, {"version", core::kVersion}};
    if (VersionAtLeast(state->protocol_version, kStructuredSince)) {
        server_info["title"] = "Nectr";
    }
    return json::object{
        {"protocolVersion", state->protocol_version},
        {"capabilities",
         json::object{{"tools", json::object{{"listChanged", false}}},
                      {"resources", json::object{{"subscribe", false}, {"listChanged", false}}}}},
        {"serverInfo", std::move(server_info)},
        {"instructions", kInstructions}};
}

json::object Dispatcher::ListTools(const SessionState& state) const {
    const bool structured = VersionAtLeast(state.protocol_version, kStructuredSince);
    json::array tools;
    for (const ToolDefinition& tool : tools_) {
        json::object entry{{"name", tool.name},
                           {"description", tool.description},
                           {"inputSchema", tool.input_schema}};
        if (structured) {
            entry["title"] = tool.title;
            entry["outputSchema"] = tool.output_schema;
        }
        tools.push_back(std::move(entry));
    }
    return json::object{{"tools", std::move(tools)}};
}

net::awaitable<Dispatcher::Outcome> Dispatcher::CallTool(const json::value& params, Access access,
                                                         const SessionState& state) {
    if (!params.is_object()) {
        co_return Fail(kInvalidParams, "tools/call needs params with the tool's name");
    }
    const json::object& call = params.as_object();
    const json::value* name = call.if_contains("name");
    if (name == nullptr || !name->is_string()) {
        co_return Fail(kInvalidParams, "tools/call needs params.name (a string)");
    }
    const json::value* arguments = call.if_contains("arguments");
    if (arguments != nullptr && !arguments->is_object() && !arguments->is_null()) {
        co_return Fail(kInvalidParams, "params.arguments must be an object");
    }
    const ToolDefinition* tool = nullptr;
    for (const ToolDefinition& candidate : tools_) {
        if (candidate.name == name->as_string()) {
            tool = &candidate;
        }
    }
    if (tool == nullptr) {
        co_return Fail(kInvalidParams, "unknown tool: " + std::string(name->as_string()));
    }
    json::object args =
        arguments != nullptr && arguments->is_object() ? arguments->as_object() : json::object();
    net::awaitable<core::Result<json::object>> pending = tool->call(std::move(args), access);
    core::Result<json::object> outcome = co_await std::move(pending);
    if (!outcome) {
        NECTR_LOG_INFO("mcp.tool_failed", "tool={} user_id={} error={}", tool->name, access.user_id,
                       outcome.error().detail);
    }
    const bool structured = VersionAtLeast(state.protocol_version, kStructuredSince);
    co_return Outcome{ToolResult(std::move(outcome), structured), std::nullopt};
}

net::awaitable<Dispatcher::Outcome> Dispatcher::ListResources(Access access) {
    net::awaitable<core::Result<std::vector<ResourceEntry>>> pending =
        resources_.List(std::move(access));
    core::Result<std::vector<ResourceEntry>> entries = co_await std::move(pending);
    if (!entries) {
        co_return Fail(kInternalError, entries.error().detail);
    }
    json::array resources;
    for (const ResourceEntry& entry : *entries) {
        resources.push_back(json::object{{"uri", entry.uri},
                                         {"name", entry.name},
                                         {"title", entry.title},
                                         {"description", entry.description},
                                         {"mimeType", entry.mime_type}});
    }
    co_return Outcome{json::object{{"resources", std::move(resources)}}, std::nullopt};
}

json::object Dispatcher::ListTemplates(const SessionState&) const {
    json::array templates;
    for (const ResourceTemplateEntry& entry : resources_.Templates()) {
        templates.push_back(json::object{{"uriTemplate", entry.uri_template},
                                         {"name", entry.name},
                                         {"title", entry.title},
                                         {"description", entry.description},
                                         {"mimeType", entry.mime_type}});
    }
    return json::object{{"resourceTemplates", std::move(templates)}};
}

net::awaitable<Dispatcher::Outcome> Dispatcher::ReadResource(const json::value& params,
                                                             Access access) {
    const json::value* uri = params.is_object() ? params.as_object().if_contains("uri") : nullptr;
    if (uri == nullptr || !uri->is_string()) {
        co_return Fail(kInvalidParams, "resources/read needs params.uri (a string)");
    }
    const std::string requested(uri->as_string());
    net::awaitable<core::Result<ResourceContents>> pending =
        resources_.Read(requested, std::move(access));
    core::Result<ResourceContents> contents = co_await std::move(pending);
    if (!contents) {
        if (contents.error().code == core::Errc::kNotFound) {
            co_return Outcome{nullptr, RpcError{kResourceNotFound, "resource not found",
                                                json::object{{"uri", requested}}}};
        }
        co_return Fail(kInternalError, contents.error().detail);
    }
    json::array list{json::object{
        {"uri", contents->uri}, {"mimeType", contents->mime_type}, {"text", contents->text}}};
    co_return Outcome{json::object{{"contents", std::move(list)}}, std::nullopt};
}

}  // namespace nectr::mcp
