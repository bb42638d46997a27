#include "mcp/integrations.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <map>

#include "core/log.hpp"
#include "http/stream.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Keys in `text`: a letter, 1..9 more letters or digits, '-', 1..7 digits, not inside a word.
void FindKeys(std::string_view text, bool any_case, std::vector<std::string>& keys) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (at > 0 && IsAlnum(text[at - 1])) {
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && IsAlnum(text[end]) &&
               !std::isdigit(static_cast<unsigned char>(text[end]))) {
            ++end;
        }
        const std::size_t letters = end - at;
        while (end < text.size() && IsAlnum(text[end])) {
            ++end;
        }
        const std::size_t prefix = end - at;
        if (letters == 0 || prefix < 2 || prefix > 10 || end >= text.size() || text[end] != '-') {
            continue;
        }
        std::size_t digits_end = end + 1;
        while (digits_end < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[digits_end]))) {
            ++digits_end;
        }
        const std::size_t digits = digits_end - end - 1;
        if (digits == 0 || digits > 7 || (digits_end < text.size() && IsAlnum(text[digits_end]))) {
            continue;
        }
        std::string key(text.substr(at, digits_end - at));
        bool upper = true;
        for (char& c : key) {
            upper = upper && !std::islower(static_cast<unsigned char>(c));
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if ((upper || any_case) && std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(std::move(key));
        }
    }
}

std::string RoleName(Role role) {
    switch (role) {
        case Role::kIssueTracker:
            return "issue tracker";
        case Role::kErrorTracker:
            return "error tracker";
        case Role::kChat:
            return "chat";
    }
    return "integration";
}

// The component a change is about: the top-level folder most changed files sit in.
std::string Component(const std::vector<review::FileDiff>& files) {
    std::map<std::string, int> counts;
    for (const review::FileDiff& file : files) {
        const std::string& path = file.Path();
        const std::size_t slash = path.find('/');
        if (slash != std::string::npos) {
            ++counts[path.substr(0, slash)];
        }
    }
    std::string best;
    int most = 0;
    for (const auto& [name, count] : counts) {
        if (count > most) {
            best = name;
            most = count;
        }
    }
    return best;
}

// One source's items into `out`; a failure becomes an item saying so.
net::awaitable<void> RunSource(review::ContextSource* source, const review::ContextQuery* query,
                               std::vector<review::ContextItem>* out) {
    net::awaitable<core::Result<std::vector<review::ContextItem>>> pending = source->Gather(*query);
    core::Result<std::vector<review::ContextItem>> items = co_await std::move(pending);
    if (items) {
        *out = std::move(*items);
        co_return;
    }
    out->push_back({std::string(source->Name()), std::string(source->Name()) + ": context missing",
                    "Skipped: " + items.error().detail});
}

}  // namespace

Binding BindingFor(const ServerConfig& server, Role custom_role) {
    Binding binding;
    switch (server.preset) {
        case Preset::kLinear:
            binding = {Role::kIssueTracker, "get_issue", "id"};
            break;
        case Preset::kSentry:
            binding = {Role::kErrorTracker, "search_issues", "query"};
            break;
        case Preset::kSlack:
            binding = {Role::kChat, "search_messages", "query"};
            break;
        case Preset::kCustom:
            binding = {custom_role, "", "query"};
            break;
    }
    if (!server.tool.empty()) {
        binding.tool = server.tool;
    }
    if (!server.argument.empty()) {
        binding.argument = server.argument;
    }
    return binding;
}

std::vector<std::string> IssueKeys(const review::ChangeInfo& change, std::size_t limit) {
    std::vector<std::string> keys;
    FindKeys(change.title, false, keys);
    FindKeys(change.description, false, keys);
    FindKeys(change.head_ref, true, keys);
    if (keys.size() > limit) {
        keys.resize(limit);
    }
    return keys;
}

IntegrationSource::IntegrationSource(http::Client& http, ServerConfig server, Role role,
                                     IntegrationOptions options)
    : http_(http),
      server_(std::move(server)),
      binding_(BindingFor(server_, role)),
      options_(options),
      name_("mcp:" + server_.name) {}

std::vector<std::string> IntegrationSource::Queries(const review::ContextQuery& query) const {
    std::vector<std::string> queries;
    switch (binding_.role) {
        case Role::kIssueTracker:
            return IssueKeys(query.change, options_.max_queries);
        case Role::kErrorTracker:
            for (const review::FileDiff& file : query.files) {
                if (queries.size() < options_.max_queries && !file.Path().empty()) {
                    queries.push_back(file.Path());
                }
            }
            return queries;
        case Role::kChat:
            if (!query.change.repo_full_name.empty() && query.change.number > 0) {
                queries.push_back(query.change.repo_full_name + "#" +
                                  std::to_string(query.change.number));
            }
            if (std::string component = Component(query.files); !component.empty()) {
                queries.push_back(component);
            }
            return queries;
    }
    return queries;
}

review::ContextItem IntegrationSource::Missing(const std::string& why) const {
    NECTR_LOG_WARN("mcp.integration_skipped", "server={} reason={}", server_.name, why);
    return {name_, server_.name + ": context missing",
            "The " + RoleName(binding_.role) + " " + server_.name + " was skipped: " + why};
}

net::awaitable<core::Result<std::vector<review::ContextItem>>> IntegrationSource::Gather(
    const review::ContextQuery& query) {
    std::vector<review::ContextItem> items;
    if (server_.url.empty() || binding_.tool.empty()) {
        items.push_back(Missing(server_.url.empty() ? "it is not set up (no URL)"
                                                    : "no tool is configured for it"));
        co_return items;
    }
    const std::vector<std::string> queries = Queries(query);
    if (queries.empty()) {
        co_return items;  // nothing to ask about: no keys, no files
    }
    McpClient client(http_, server_, options_.client);
    net::awaitable<core::Result<void>> connecting = client.Connect();
    core::Result<void> connected = co_await std::move(connecting);
    if (!connected) {
        items.push_back(Missing(connected.error().detail));
        co_return items;
    }
    for (const std::string& asked : queries) {
        net::awaitable<core::Result<ToolCallResult>> calling =
            client.CallTool(binding_.tool, json::object{{binding_.argument, asked}});
        core::Result<ToolCallResult> answer = co_await std::move(calling);
        if (!answer) {
            items.push_back(Missing(asked + ": " + answer.error().detail));
            if (answer.error().code == core::Errc::kTimeout) {
                break;  // a slow server stays slow: do not spend the rest of the budget on it
            }
            continue;
        }
        if (answer->is_error) {
            items.push_back(Missing(asked + ": the tool failed: " + answer->text.substr(0, 300)));
            continue;
        }
        std::string text = answer->text.empty() && !answer->structured.is_null()
                               ? json::serialize(answer->structured)
                               : answer->text;
        if (text.size() > options_.max_item_bytes) {
            text.resize(options_.max_item_bytes);
            text += "\n[cut]";
        }
        items.push_back({name_, server_.name + " (" + RoleName(binding_.role) + "): " + asked,
                         std::move(text)});
    }
    net::awaitable<void> closing = client.Close();
    co_await std::move(closing);
    co_return items;
}

ConcurrentSources::ConcurrentSources(std::vector<review::ContextSource*> sources)
    : sources_(std::move(sources)) {}

net::awaitable<core::Result<std::vector<review::ContextItem>>> ConcurrentSources::Gather(
    const review::ContextQuery& query) {
    auto executor = co_await net::this_coro::executor;
    std::vector<std::vector<review::ContextItem>> results(sources_.size());
    http::MessageQueue finished;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        review::ContextSource* source = sources_[i];
        // Each task reports its end, crashed or not; this coroutine waits for all of them, so
        // none outlives the references it holds.
        net::co_spawn(executor, RunSource(source, &query, &results[i]),
                      [&finished, source](const std::exception_ptr& error) {
                          if (error) {
                              NECTR_LOG_ERROR("mcp.integration_crashed", "source={}",
                                              source->Name());
                          }
                          finished.Push("done");
                      });
    }
    for (std::size_t done = 0; done < sources_.size();) {
        http::MessageQueue::Popped popped = co_await finished.Pop(std::chrono::minutes(10));
        if (popped.outcome == http::MessageQueue::Outcome::kMessage) {
            ++done;
        }
    }
    std::vector<review::ContextItem> items;
    for (auto& part : results) {
        for (auto& item : part) {
            items.push_back(std::move(item));
        }
    }
    co_return items;
}

}  // namespace nectr::mcp
