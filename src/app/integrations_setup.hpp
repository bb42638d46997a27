#pragma once

// The MCP servers configured as review context (MCP_SERVERS): parsing the setting, running them
// for one review with a record of what each contributed, and their last outcome for a settings
// page.
#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/client.hpp"
#include "mcp/client.hpp"
#include "mcp/integrations.hpp"
#include "review/change.hpp"

namespace nectr::app {

namespace net = boost::asio;

// One server of MCP_SERVERS.
struct ConfiguredIntegration {
    mcp::ServerConfig server;
    mcp::Role role = mcp::Role::kIssueTracker;  // the preset's, or "role" for a custom server
    std::chrono::milliseconds timeout{10'000};  // each call to it
};

// MCP_SERVERS is a JSON array, or the path of a file that holds one. Each entry:
//   {"name": "linear", "preset": "linear|sentry|slack|custom", "url": "https://.../mcp",
//    "transport": "http|sse", "auth": "Bearer ...", "timeout_ms": 5000,
//    "tool": "...", "argument": "...", "role": "issue_tracker|error_tracker|chat"}
// Only name is required; an entry without url is kept and reported as not set up. The preset
// defaults to the name when it names one. kInvalidInput lists every problem. Pure, except for
// reading the file.
core::Result<std::vector<ConfiguredIntegration>> ParseMcpServers(std::string_view setting);

// What one integration brought to one review (stored per review, shown by the API).
struct ContextSourceOutcome {
    std::string name;
    std::string status;  // "ok", "skipped" (not set up), "failed" (errors or timeouts)
    std::int64_t items = 0;
    std::string detail;  // why it was skipped or failed; empty when ok
};

// The last outcome of each integration in this process, for a settings page. Thread-safe.
class IntegrationStatusBoard {
public:
    void Record(const ContextSourceOutcome& outcome, std::int64_t at_ms);

    struct Entry {
        std::optional<std::int64_t> last_ok_ms;
        std::optional<std::int64_t> last_error_ms;
        std::string last_error;
    };
    std::optional<Entry> Find(const std::string& name) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// [{name, preset, url, transport, role, timeout_ms, configured, last_ok, last_error_at,
// last_error}] in configuration order; times are UTC ISO 8601 or null. The auth header is
// never included.
boost::json::array IntegrationStatus(const std::vector<ConfiguredIntegration>& integrations,
                                     const IntegrationStatusBoard& board);

// Every configured integration as one review context source: Gather runs them at once (the
// slowest call bounds the wait), returns their items (the missing ones included, so that the
// model knows what it lacks) and keeps one outcome per integration, also recorded on `board`
// (may be null). One per review.
class IntegrationContext final : public review::ContextSource {
public:
    // Everything given must outlive the object.
    IntegrationContext(http::Client& http, const std::vector<ConfiguredIntegration>& integrations,
                       IntegrationStatusBoard* board, const core::Clock& clock);
    std::string_view Name() const override { return "mcp"; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

    // What each integration contributed to the last Gather; empty before it.
    const std::vector<ContextSourceOutcome>& Outcomes() const { return outcomes_; }

private:
    http::Client& http_;
    const std::vector<ConfiguredIntegration>& integrations_;
    IntegrationStatusBoard* board_;
    const core::Clock& clock_;
    std::vector<ContextSourceOutcome> outcomes_;
};

// The outcome of one integration from the items it returned. Pure.
ContextSourceOutcome OutcomeOf(const std::string& name,
                               const std::vector<review::ContextItem>& items);

}  // namespace nectr::app
