#pragma once

// Building and refreshing the code index of a local checkout.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::index {

using core::Result;

struct IndexRequest {
    std::string path;  // the checkout
    // "owner/name"; empty: from `git remote get-url origin`, else "local/<directory name>".
    std::string repository_full_name;
    // Called on the calling thread after each written batch: files parsed so far, and how
    // many need parsing in all (new and changed files; every file outside git, where only
    // reading tells whether one changed).
    std::function<void(std::size_t files_done, std::size_t files_total)> progress;
    std::size_t threads = 0;             // parsing threads; 0: one per core
    std::size_t batch_files = 200;       // files per ctags run and per write transaction
    const core::Clock* clock = nullptr;  // nullptr: the system clock
};

struct IndexSummary {
    std::int64_t repository_id = 0;
    std::string repository_full_name;
    std::optional<std::string> commit;  // the indexed commit; nullopt outside git
    std::size_t files = 0;              // files the index holds for the repository now
    std::size_t files_changed = 0;      // files (re)parsed by this run
    std::size_t files_removed = 0;      // files this run took out of the index
    std::size_t symbols = 0;            // symbols the index holds for the repository now
    std::size_t chunks = 0;             // chunks the index holds for the repository now
    std::size_t imports_resolved = 0;   // imports this run pointed at a file
    double seconds = 0;
    std::vector<std::string> notes;  // degraded but done: ctags missing, ...
};

// Indexes the checkout at request.path into repository request.repository_full_name (created
// when new): lists its files (git ls-files, or a directory walk), skips binaries, vendored,
// generated and huge files, and parses only the files whose content differs from what the
// index holds; files gone from the checkout are removed. Files are read and parsed on
// `threads` threads, one ctags process per batch, while the calling thread writes each batch
// in one transaction. Sets repositories.indexed_sha and indexed_at. Blocks for as long as it
// takes. Errors: kNotFound when the path is not a directory; store errors as they come
// (batches written before stay written, and a rerun continues from them).
Result<IndexSummary> IndexCheckout(store::Database& db, const IndexRequest& request);

// Re-indexes `changed_paths` and removes `removed_paths` (relative to the checkout) of a
// repository already indexed, as after a push; a changed path missing from the checkout is
// removed too. Leaves every other file as it is. Blocks. Errors: kNotFound for an unknown
// repository or a checkout that is not a directory.
Result<IndexSummary> UpdateFiles(store::Database& db, std::int64_t repository_id,
                                 const std::string& checkout_path,
                                 const std::vector<std::string>& changed_paths,
                                 const std::vector<std::string>& removed_paths,
                                 const core::Clock* clock = nullptr);

// The id of the repository named `full_name` ("owner/name"), or nullopt when the index does
// not know it. Blocks.
Result<std::optional<std::int64_t>> FindRepositoryId(store::Database& db,
                                                     const std::string& full_name);

}  // namespace nectr::index
