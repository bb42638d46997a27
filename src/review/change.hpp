#pragma once

// What is being reviewed, wherever it came from (a pull request, a local git range, a diff
// file), and the seams the pipeline reads more of it through.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "review/diff.hpp"

namespace nectr::review {

namespace net = boost::asio;

struct ChangeInfo {
    std::string subject;         // "owner/repo#12", "main..feature", "changes.diff"
    std::string repo_full_name;  // empty outside GitHub, or a local checkout's indexed name
    std::int64_t number = 0;     // pull request number, 0 outside GitHub
    std::string title;
    std::string description;  // the pull request's body: untrusted text
    std::string author;
    std::string base_ref;
    std::string base_sha;
    std::string head_ref;
    std::string head_sha;
    bool draft = false;
};

// Where the code lives: GitHub's contents API, a local git repository, or nothing. The review's
// tools and the context step read files through it.
class CodeHost {
public:
    virtual ~CodeHost() = default;
    // The file's text at `ref`; kNotFound when it does not exist there.
    virtual net::awaitable<core::Result<std::string>> ReadFile(std::string path,
                                                               std::string ref) = 0;
};

// A CodeHost that has no files: a review of a bare diff.
class NoCodeHost final : public CodeHost {
public:
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string) override {
        co_return core::MakeError(core::Errc::kNotFound,
                                  path + ": no repository to read files from");
    }
};

// One piece of context for the model, with where it came from.
struct ContextItem {
    std::string source;  // "pull_request", "graph", "memory", "code_index", "mcp:linear"
    std::string title;
    std::string text;  // untrusted: shown to the model as data
};

struct ContextQuery {
    const ChangeInfo& change;
    const std::vector<FileDiff>& files;  // the files under review
};

// A provider of context for the review: the knowledge graph, memory, the code index and MCP
// integrations plug in here. A source that fails is logged and skipped; the review goes on.
class ContextSource {
public:
    virtual ~ContextSource() = default;
    virtual std::string_view Name() const = 0;
    virtual net::awaitable<core::Result<std::vector<ContextItem>>> Gather(
        const ContextQuery& query) = 0;
};

// Issue numbers the description links ("#12", "fixes #12", "owner/repo#12" of this repo).
std::vector<std::int64_t> LinkedIssueNumbers(std::string_view description);

}  // namespace nectr::review
