#pragma once

// The one `git log` that history import runs, and the reading of its output. Pure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::graph {

struct LogFileChange {
    std::string path;
    std::int64_t additions = 0;  // 0 for binary files
    std::int64_t deletions = 0;
};

struct LogCommit {
    std::string sha;
    std::size_t parent_count = 0;
    std::string author_name;  // after .mailmap
    std::string author_email;
    std::int64_t authored_at_ms = 0;
    std::int64_t committed_at_ms = 0;
    std::vector<LogFileChange> files;  // empty for merges
};

// True for an abbreviated or full commit name in hex (4 to 64 characters): what may stand
// before "..HEAD" without being read as an option.
bool IsCommitName(std::string_view text);

// The argv of `git log` over the checkout: newest first, at most `max_commits`, only the
// commits after `since` when given (`since` must pass IsCommitName), each with its files and
// line counts (renames as a removal and an addition, so paths are plain), NUL-separated.
std::vector<std::string> GitLogArguments(const std::string& checkout_path,
                                         const std::optional<std::string>& since,
                                         std::size_t max_commits);

// The commits in the output of GitLogArguments, in its order (newest first). kInvalidInput
// when a record is not what that command prints.
core::Result<std::vector<LogCommit>> ParseGitLog(std::string_view output);

}  // namespace nectr::graph
