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
};

// Cuts `tasks` into batches of batch_files, parses them (ParseBatch) on the worker threads
// and hands each parsed batch to `consume` on the calling thread, in no particular order.
// Stops at the first error `consume` returns (workers finish their current batch) and
// returns it. Blocks until every worker has stopped.
Result<void> RunParsePipeline(const std::string& root, const std::vector<FileTask>& tasks,
                              const PipelineOptions& options,
                              const std::function<Result<void>(ParsedBatch&)>& consume);

}  // namespace nectr::index
