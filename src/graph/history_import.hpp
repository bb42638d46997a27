#pragma once

// Importing a repository's commit history from a local checkout into the graph: commits, the
// files each changed with line counts, and their authors as developers. Blocks (runs git and
// writes the store): call from the blocking pool or a command-line path.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

struct HistoryImportReport {
    std::size_t commits_read = 0;   // what git log listed
    std::size_t commits_added = 0;  // of those, new to the graph
    std::size_t files_added = 0;    // commit_files rows written
    std::string head_sha;           // where the import stands now; empty when nothing was read
    std::optional<std::string> since_sha;  // where it started; nullopt for the whole history
};

// Runs one `git log` over the checkout at `checkout_path` and stores what it lists for
// repository `repository_id` (an id of the repositories table). Only the commits after
// `since_sha` are read when given, else those after the last import's head (a head that the
// checkout no longer has, after a force-push, means the whole history again; commits known
// already are skipped). At most `max_commits` are read, newest first. Authors are mapped to
// GitHub logins through GitHub's no-reply e-mail addresses and the checkout's .mailmap.
// Writes in batches, each in its own transaction; the head is recorded last, so an import cut
// short is repeated by the next one. A checkout without commits imports nothing.
// Errors: kInvalidInput for a `since_sha` that is no commit name, kNotFound when the path is
// no git checkout or git does not know `since_sha`, kUnavailable when git is missing, and the
// store's.
core::Result<HistoryImportReport> ImportGitHistory(store::Database& db, std::int64_t repository_id,
                                                   const std::string& checkout_path,
                                                   std::optional<std::string> since_sha,
                                                   std::size_t max_commits, std::int64_t now_ms);

}  // namespace nectr::graph
