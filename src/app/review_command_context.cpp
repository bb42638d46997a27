#include "app/review_command_context.hpp"

#include <filesystem>
#include <iostream>

#include "app/storage_setup.hpp"
#include "store/sqlite_database.hpp"

namespace nectr::app {

RepositoryContext::RepositoryContext(store::Database& db, const core::Clock& clock,
                                     const std::string& repo, std::int64_t number,
                                     index::Embedder* embedder)
    : pool(2),
      graph(db, pool, clock),
      memory(db, pool, clock),
      code(db, pool, embedder),
      search_repository(db, pool, repo, embedder),
      file_history(db, pool, clock, repo, number),
      search_memory(db, pool, clock, repo) {}

void RepositoryContext::AddTo(review::PipelineDeps& deps) {
    deps.context_sources = {&graph, &memory, &code};
    deps.tools = {&search_repository, &file_history, &search_memory};
}

std::unique_ptr<store::Database> OpenExistingStore(const core::Config& config, bool quiet) {
    if (auto sqlite = store::ParseSqliteUrl(config.database_url)) {
        std::error_code ec;
        if (sqlite->in_memory || !std::filesystem::is_regular_file(sqlite->path, ec)) {
            return nullptr;
        }
    }
    auto db = OpenStore(config);
    if (!db) {
        if (!quiet) {
            std::cerr << "nectr: no repository context: " << db.error().detail << "\n";
        }
        return nullptr;
    }
    return std::move(*db);
}

}  // namespace nectr::app
