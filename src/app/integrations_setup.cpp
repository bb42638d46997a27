#include "app/integrations_setup.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/time_format.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

constexpr const char* kMissingSuffix = ": context missing";
constexpr std::int64_t kMaxTimeoutMs = 120'000;

std::string Text(const json::object& entry, std::string_view key) {
    const json::value* value = entry.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

std::optional<mcp::Preset> PresetNamed(const std::string& name) {
    if (name == "linear") {
        return mcp::Preset::kLinear;
    }
    if (name == "sentry") {
        return mcp::Preset::kSentry;
    }
    if (name == "slack") {
        return mcp::Preset::kSlack;
    }
    if (name == "custom") {
        return mcp::Preset::kCustom;
    }
    return std::nullopt;
}

std::optional<mcp::Role> RoleNamed(const std::string& name) {
    if (name.empty() || name == "issue_tracker") {
        return mcp::Role::kIssueTracker;
    }
    if (name == "error_tracker") {
        return mcp::Role::kErrorTracker;
    }
    if (name == "chat") {
        return mcp::Role::kChat;
    }
    return std::nullopt;
}

std::string_view PresetName(mcp::Preset preset) {
    switch (preset) {
        case mcp::Preset::kLinear:
            return "linear";
        case mcp::Preset::kSentry:
            return "sentry";
        case mcp::Preset::kSlack:
            return "slack";
        case mcp::Preset::kCustom:
            break;
    }
    return "custom";
}

std::string_view RoleKey(mcp::Role role) {
    switch (role) {
        case mcp::Role::kIssueTracker:
            return "issue_tracker";
        case mcp::Role::kErrorTracker:
            return "error_tracker";
        case mcp::Role::kChat:
            break;
    }
    return "chat";
}

// One entry; problems are prefixed with the entry's position.
std::optional<ConfiguredIntegration> ParseEntry(const json::value& value, std::size_t index,
                                                std::vector<std::string>& problems) {
    const std::string where = "MCP_SERVERS[" + std::to_string(index) + "]";
    if (!value.is_object()) {
        problems.push_back(where + " must be an object");
        return std::nullopt;
    }
    const json::object& entry = value.as_object();
    ConfiguredIntegration out;
    out.server.name = Text(entry, "name");
    if (out.server.name.empty()) {
        problems.push_back(where + ": name is required");
        return std::nullopt;
    }
    std::string preset = Text(entry, "preset");
    if (preset.empty()) {
        preset = PresetNamed(out.server.name) ? out.server.name : "custom";
    }
    const std::optional<mcp::Preset> known = PresetNamed(preset);
    if (!known) {
        problems.push_back(where + ": preset must be linear, sentry, slack or custom");
    }
    out.server.preset = known.value_or(mcp::Preset::kCustom);
    out.server.url = Text(entry, "url");
    if (!out.server.url.empty() && out.server.url.rfind("http://", 0) != 0 &&
        out.server.url.rfind("https://", 0) != 0) {
        problems.push_back(where + ": url must be an http(s) URL");
    }
    const std::string transport = Text(entry, "transport");
    if (transport == "sse") {
        out.server.transport = mcp::TransportKind::kSse;
    } else if (!transport.empty() && transport != "http") {
        problems.push_back(where + ": transport must be http or sse");
    }
    out.server.auth_header = Text(entry, "auth");
    out.server.tool = Text(entry, "tool");
    out.server.argument = Text(entry, "argument");
    const std::optional<mcp::Role> role = RoleNamed(Text(entry, "role"));
    if (!role) {
        problems.push_back(where + ": role must be issue_tracker, error_tracker or chat");
    }
    out.role = mcp::BindingFor(out.server, role.value_or(mcp::Role::kIssueTracker)).role;
    if (const json::value* timeout = entry.if_contains("timeout_ms")) {
        const std::int64_t* ms = timeout->if_int64();
        if (ms == nullptr || *ms < 1 || *ms > kMaxTimeoutMs) {
            problems.push_back(where + ": timeout_ms must be a number from 1 to 120000");
        } else {
            out.timeout = std::chrono::milliseconds(*ms);
        }
    }
    return out;
}

}  // namespace

core::Result<std::vector<ConfiguredIntegration>> ParseMcpServers(std::string_view setting) {
    std::vector<ConfiguredIntegration> out;
    const std::size_t start = setting.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return out;
    }
    std::string text(setting.substr(start));
    if (text.front() != '[') {
        std::ifstream file(text);
        if (!file) {
            return core::MakeError(
                core::Errc::kInvalidInput,
                "MCP_SERVERS is neither a JSON array nor a readable file: " + text);
        }
        std::ostringstream read;
        read << file.rdbuf();
        text = read.str();
    }
    boost::system::error_code error;
    const json::value parsed = json::parse(text, error);
    if (error || !parsed.is_array()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "MCP_SERVERS must be a JSON array of servers");
    }
    std::vector<std::string> problems;
    const json::array& entries = parsed.as_array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::optional<ConfiguredIntegration> entry = ParseEntry(entries[i], i, problems);
        if (entry) {
            out.push_back(std::move(*entry));
        }
    }
    if (!problems.empty()) {
        std::string joined;
        for (const std::string& problem : problems) {
            joined += (joined.empty() ? "" : "; ") + problem;
        }
        return core::MakeError(core::Errc::kInvalidInput, joined);
    }
    return out;
}

void IntegrationStatusBoard::Record(const ContextSourceOutcome& outcome, std::int64_t at_ms) {
    std::lock_guard lock(mutex_);
    Entry& entry = entries_[outcome.name];
    if (outcome.status == "ok") {
        entry.last_ok_ms = at_ms;
    } else {
        entry.last_error_ms = at_ms;
        entry.last_error = outcome.detail;
    }
}

std::optional<IntegrationStatusBoard::Entry> IntegrationStatusBoard::Find(
    const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(name);
    if (found == entries_.end()) {
        return std::nullopt;
    }
    return found->second;
}

boost::json::array IntegrationStatus(const std::vector<ConfiguredIntegration>& integrations,
                                     const IntegrationStatusBoard& board) {
    json::array out;
    for (const ConfiguredIntegration& integration : integrations) {
        const mcp::ServerConfig& server = integration.server;
        const std::optional<IntegrationStatusBoard::Entry> entry = board.Find(server.name);
        auto time = [](const std::optional<std::int64_t>& ms) {
            return ms ? json::value(core::FormatUtcMillis(*ms)) : json::value(nullptr);
        };
        out.push_back(json::object{
            {"name", server.name},
            {"preset", PresetName(server.preset)},
            {"url", server.url.empty() ? json::value(nullptr) : json::value(server.url)},
            {"transport", server.transport == mcp::TransportKind::kSse ? "sse" : "http"},
            {"role", RoleKey(integration.role)},
            {"timeout_ms", integration.timeout.count()},
            {"configured", !server.url.empty()},
            {"last_ok", time(entry ? entry->last_ok_ms : std::nullopt)},
            {"last_error_at", time(entry ? entry->last_error_ms : std::nullopt)},
            {"last_error", entry && entry->last_error_ms ? json::value(entry->last_error)
                                                         : json::value(nullptr)}});
    }
    return out;
}

ContextSourceOutcome OutcomeOf(const std::string& name,
                               const std::vector<review::ContextItem>& items) {
    ContextSourceOutcome outcome{name, "ok", 0, ""};
    std::int64_t missing = 0;
    for (const review::ContextItem& item : items) {
        const bool is_missing = item.title.size() >= std::string_view(kMissingSuffix).size() &&
                                item.title.ends_with(kMissingSuffix);
        if (!is_missing) {
            ++outcome.items;
            continue;
        }
        ++missing;
        if (outcome.detail.empty()) {
            outcome.detail = item.text;
        }
    }
    if (missing > 0 && outcome.items == 0) {
        const bool not_set_up = outcome.detail.find("not set up") != std::string::npos ||
                                outcome.detail.find("no tool is configured") != std::string::npos;
        outcome.status = not_set_up ? "skipped" : "failed";
    }
    return outcome;
}

IntegrationContext::IntegrationContext(http::Client& http,
                                       const std::vector<ConfiguredIntegration>& integrations,
                                       IntegrationStatusBoard* board, const core::Clock& clock)
    : http_(http), integrations_(integrations), board_(board), clock_(clock) {}

net::awaitable<core::Result<std::vector<review::ContextItem>>> IntegrationContext::Gather(
    const review::ContextQuery& query) {
    std::vector<std::unique_ptr<mcp::IntegrationSource>> sources;
    std::vector<review::ContextSource*> pointers;
    for (const ConfiguredIntegration& integration : integrations_) {
        mcp::IntegrationOptions options;
        options.client.call_timeout = integration.timeout;
        sources.push_back(std::make_unique<mcp::IntegrationSource>(http_, integration.server,
                                                                   integration.role, options));
        pointers.push_back(sources.back().get());
    }
    mcp::ConcurrentSources all(std::move(pointers));
    net::awaitable<core::Result<std::vector<review::ContextItem>>> gathering = all.Gather(query);
    core::Result<std::vector<review::ContextItem>> items = co_await std::move(gathering);
    if (!items) {
        co_return items.error();
    }
    outcomes_.clear();
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    for (const ConfiguredIntegration& integration : integrations_) {
        const std::string source = "mcp:" + integration.server.name;
        std::vector<review::ContextItem> own;
        for (const review::ContextItem& item : *items) {
            if (item.source == source) {
                own.push_back(item);
            }
        }
        outcomes_.push_back(OutcomeOf(integration.server.name, own));
        if (board_ != nullptr) {
            board_->Record(outcomes_.back(), now);
        }
    }
    co_return items;
}

}  // namespace nectr::app
