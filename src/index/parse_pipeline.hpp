#pragma once

// Parsing batches of files on worker threads while the calling thread writes them: ctags and
// file reads overlap with the database, and memory stays bounded by a short queue.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "index/file_parser.hpp"

namespace nectr::index {

using core::Result;

struct PipelineOptions {
    std::size_t threads = 0;  // 0: one per core
    std::size_t batch_files = 200;
    // When the writer falls behind, it takes up to this many parsed batches at once (group
    // commit): each transaction rewrites the pages it touches, so fewer, larger ones cost less.
    std::size_t max_batches_per_write = 4;
};

// Cuts `tasks` into batches of batch_files, parses them (ParseBatch, then EncodeRows) on the
// worker threads and hands the parsed batches to `consume` on the calling thread, in no
// particular order: one at a time while the writer keeps up, every batch waiting (up to
// max_batches_per_write) when it does not. Stops at the first error `consume` returns
// (workers finish their current batch) and returns it. Blocks until every worker stopped.
Result<void> RunParsePipeline(
    const std::string& root, const std::vector<FileTask>& tasks, const PipelineOptions& options,
    const std::function<Result<void>(std::vector<ParsedBatch>&)>& consume);

}  // namespace nectr::index
