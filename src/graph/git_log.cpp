#include "graph/git_log.hpp"

#include <charconv>

namespace nectr::graph {
namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kFieldSeparator = '\x1f';
// Fields of the header, in the order of kFormat.
constexpr std::size_t kHeaderFields = 6;
constexpr const char* kFormat = "--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%at%x1f%ct";

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

std::optional<std::int64_t> ParseCount(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || value < 0) {
        return std::nullopt;
    }
    return value;
}

bool IsHex(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

core::Error Malformed(std::string_view what) {
    return core::MakeError(core::Errc::kInvalidInput,
                           "git log printed something unexpected: " + std::string(what));
}

// "12\t3\tpath" (or "-\t-\tpath" for a binary file).
core::Result<LogFileChange> ParseNumstat(std::string_view entry) {
    const std::size_t first = entry.find('\t');
    const std::size_t second =
        first == std::string_view::npos ? first : entry.find('\t', first + 1);
    if (second == std::string_view::npos || second + 1 >= entry.size()) {
        return Malformed("a file line without counts and a path");
    }
    const std::string_view added = entry.substr(0, first);
    const std::string_view deleted = entry.substr(first + 1, second - first - 1);
    LogFileChange change;
    change.path = std::string(entry.substr(second + 1));
    if (added == "-" && deleted == "-") {
        return change;
    }
    const std::optional<std::int64_t> additions = ParseCount(added);
    const std::optional<std::int64_t> deletions = ParseCount(deleted);
    if (!additions || !deletions) {
        return Malformed("a file line with counts that are not numbers");
    }
    change.additions = *additions;
    change.deletions = *deletions;
    return change;
}

core::Result<LogCommit> ParseHeader(std::string_view header) {
    const std::vector<std::string_view> fields = Split(header, kFieldSeparator);
    if (fields.size() != kHeaderFields || fields[0].size() < 40 || !IsHex(fields[0])) {
        return Malformed("a commit header without its fields");
    }
    const std::optional<std::int64_t> authored = ParseCount(fields[4]);
    const std::optional<std::int64_t> committed = ParseCount(fields[5]);
    if (!authored || !committed) {
        return Malformed("a commit date that is not a number");
    }
    LogCommit commit;
    commit.sha = std::string(fields[0]);
    commit.parent_count = fields[1].empty() ? 0 : Split(fields[1], ' ').size();
    commit.author_name = std::string(fields[2]);
    commit.author_email = std::string(fields[3]);
    commit.authored_at_ms = *authored * 1000;
    commit.committed_at_ms = *committed * 1000;
    return commit;
}

core::Result<LogCommit> ParseRecord(std::string_view record) {
    const std::size_t header_end = record.find('\0');
    core::Result<LogCommit> commit = ParseHeader(record.substr(0, header_end));
    if (!commit || header_end == std::string_view::npos) {
        return commit;
    }
    std::string_view rest = record.substr(header_end + 1);
    while (!rest.empty() && rest.front() == '\n') {
        rest.remove_prefix(1);
    }
    for (const std::string_view entry : Split(rest, '\0')) {
        if (entry.empty() || entry == "\n") {
            continue;
        }
        core::Result<LogFileChange> change = ParseNumstat(entry);
        if (!change) {
            return change.error();
        }
        commit->files.push_back(std::move(*change));
    }
    return commit;
}

}  // namespace

bool IsCommitName(std::string_view text) {
    return text.size() >= 4 && text.size() <= 64 &&
           text.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

std::vector<std::string> GitLogArguments(const std::string& checkout_path,
                                         const std::optional<std::string>& since,
                                         std::size_t max_commits) {
    return {"git",
            "-C",
            checkout_path,
            "log",
            "-z",
            "--numstat",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            kFormat,
            "-n",
            std::to_string(max_commits),
            since ? *since + "..HEAD" : std::string("HEAD"),
            "--"};
}

core::Result<std::vector<LogCommit>> ParseGitLog(std::string_view output) {
    std::vector<LogCommit> commits;
    const std::size_t first = output.find(kRecordSeparator);
    if (first == std::string_view::npos) {
        if (output.find_first_not_of('\n') != std::string_view::npos) {
            return Malformed("no commit record");
        }
        return commits;
    }
    output.remove_prefix(first + 1);
    for (const std::string_view record : Split(output, kRecordSeparator)) {
        core::Result<LogCommit> commit = ParseRecord(record);
        if (!commit) {
            return commit.error();
        }
        commits.push_back(std::move(*commit));
    }
    return commits;
}

}  // namespace nectr::graph
