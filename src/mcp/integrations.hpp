#pragma once

// MCP integrations as review context: for a pull request, the issues it links (keys such as
// ABC-123 in its title, body or branch) from an issue tracker, recent production errors in the
// changed files from an error tracker, and recent messages about the pull request or the
// changed component from a chat tool. Each integration is optional; one that is not set up,
// slow or failing is skipped, and its context item says what is missing and why.
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/client.hpp"
#include "mcp/client.hpp"
#include "review/change.hpp"

namespace nectr::mcp {

enum class Role { kIssueTracker, kErrorTracker, kChat };

// The role, tool and argument a server is used with: the configured ones, else the preset's
// (linear: get_issue(id), sentry: search_issues(query), slack: search_messages(query)). A
// custom server needs its tool; its role is taken from ServerConfig::preset-less `role`.
struct Binding {
    Role role = Role::kIssueTracker;
    std::string tool;
    std::string argument;
};
Binding BindingFor(const ServerConfig& server, Role custom_role);

// Issue keys ("ABC-123") in the title and body (upper case only, so that prose such as
// "utf-8" is no key) and in the branch name (any case, "abc-123-fix" gives ABC-123); at most
// `limit`, in order of appearance, without repeats. Pure.
std::vector<std::string> IssueKeys(const review::ChangeInfo& change, std::size_t limit = 5);

struct IntegrationOptions {
    McpClientOptions client;            // each call's timeout
    std::size_t max_queries = 5;        // issue keys or files asked about per review
    std::size_t max_item_bytes = 4000;  // each answer, cut beyond this
};

// One server as a review::ContextSource. Gather never fails: problems become a context item
// titled "<name>: context missing".
class IntegrationSource final : public review::ContextSource {
public:
    // `http` must outlive the source.
    IntegrationSource(http::Client& http, ServerConfig server, Role role,
                      IntegrationOptions options);
    std::string_view Name() const override { return name_; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

private:
    std::vector<std::string> Queries(const review::ContextQuery& query) const;
    review::ContextItem Missing(const std::string& why) const;

    http::Client& http_;
    ServerConfig server_;
    Binding binding_;
    IntegrationOptions options_;
    std::string name_;  // "mcp:<server name>"
};

// Runs several sources at once and returns their items in the sources' order, so that the
// slowest integration, not their sum, bounds the wait. A source that fails is skipped with
// an item saying so. Owns nothing: the sources must outlive it.
class ConcurrentSources final : public review::ContextSource {
public:
    explicit ConcurrentSources(std::vector<review::ContextSource*> sources);
    std::string_view Name() const override { return "mcp"; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

private:
    std::vector<review::ContextSource*> sources_;
};

}  // namespace nectr::mcp
