#pragma once

// What `nectr review` adds when a database is at hand (`nectr index` made one, or a server's):
// the graph, memory and code index as context sources and as the model's tools.
#include <cstdint>
#include <memory>
#include <string>

#include "app/code_context.hpp"
#include "app/repository_tools.hpp"
#include "app/review_context.hpp"
#include "core/blocking_pool.hpp"
#include "core/config.hpp"
#include "review/pipeline.hpp"
#include "store/database.hpp"

namespace nectr::app {

// The sources and tools of one repository, with a pool of their own. `db`, `clock` and
// `embedder` (null: code search without dense vectors) must outlive it.
struct RepositoryContext {
    RepositoryContext(store::Database& db, const core::Clock& clock, const std::string& repo,
                      std::int64_t number, index::Embedder* embedder = nullptr);

    // Sets the deps' context sources and tools to these.
    void AddTo(review::PipelineDeps& deps);

    core::BlockingPool pool;
    GraphContextSource graph;
    MemoryContextSource memory;
    CodeContextSource code;
    SearchRepositoryTool search_repository;
    FileHistoryTool file_history;
    SearchMemoryTool search_memory;
};

// The configured database when there is one already: a PostgreSQL URL, or a SQLite file that
// exists (a review never creates one). nullptr when there is none, or (after a note on
// standard error unless `quiet`) when it cannot be opened.
std::unique_ptr<store::Database> OpenExistingStore(const core::Config& config, bool quiet);

}  // namespace nectr::app
