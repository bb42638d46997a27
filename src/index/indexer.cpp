#include "index/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/log.hpp"
#include "index/checkout.hpp"
#include "index/file_filter.hpp"
#include "index/import_resolver.hpp"
#include "index/index_writer.hpp"
#include "index/parse_pipeline.hpp"
#include "index/text.hpp"
#include "store/sql.hpp"

namespace nectr::index {
namespace {

namespace fs = std::filesystem;
const core::SystemClock kSystemClock;
using StoredFiles = std::unordered_map<std::string, StoredFile>;

struct Run {
    store::Database& db;
    std::int64_t repository_id;
    std::string root;
    const core::Clock& clock;
    IndexSummary summary;
};

std::int64_t NowMs(const core::Clock& clock) { return core::ToUnixMillis(clock.Now()); }

// A path the index can hold: one the filter keeps, storable as text, listable to ctags.
bool Indexable(std::string_view path) {
    return !path.empty() && path.find('\n') == std::string_view::npos && IsValidUtf8(path) &&
           !WhyPathSkipped(path);
}

Result<std::int64_t> UpsertRepository(store::Database& db, const std::string& name,
                                      std::int64_t now_ms) {
    const store::Value params[] = {name, now_ms};
    auto rows = store::Execute(db, store::sql::kIndexUpsertRepository, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kInternal, "the repository row was not written");
    }
    return store::AsInt(rows->rows[0][0]).value_or(0);
}

std::string ReadGoModule(const std::string& root) {
    std::ifstream in(root + "/go.mod");
    if (!in) {
        return "";
    }
    std::ostringstream text;
    text << in.rdbuf();
    return ImportResolver::GoModulePath(text.str());
}

// Writes the batches that waited together in one transaction, with the stored files in
// `removed` and those the batches dropped; returns how many files the batches covered.
Result<std::size_t> WriteParsed(Run& run, std::vector<ParsedBatch>& batches,
                                const StoredFiles& stored, std::vector<std::int64_t>& removed,
                                std::set<std::string>& notes) {
    std::vector<ParsedFile> parsed;
    std::vector<EncodedRows> encoded;
    std::size_t covered = 0;
    for (ParsedBatch& batch : batches) {
        for (const std::string& path : batch.dropped) {
            if (auto found = stored.find(path); found != stored.end()) {
                removed.push_back(found->second.id);
            }
        }
        covered += batch.parsed.size() + batch.unchanged.size() + batch.dropped.size();
        notes.insert(batch.notes.begin(), batch.notes.end());
        std::move(batch.parsed.begin(), batch.parsed.end(), std::back_inserter(parsed));
        std::move(batch.encoded.begin(), batch.encoded.end(), std::back_inserter(encoded));
    }
    if (encoded.size() != parsed.size()) {
        encoded.clear();  // some batch came without its rows: WriteBatch makes them all
    }
    if (auto ok = WriteBatch(run.db, run.repository_id, parsed, std::move(encoded), stored, removed,
                             NowMs(run.clock));
        !ok) {
        return ok.error();
    }
    run.summary.files_removed += removed.size();
    run.summary.files_changed += parsed.size();
    removed.clear();
    return covered;
}

// Parses and writes `tasks`, removing the stored files in `removed` with the first batch
// (or alone, when nothing needs parsing) and every dropped file that the index held.
Result<void> ParseAndWrite(Run& run, const std::vector<FileTask>& tasks, const StoredFiles& stored,
                           std::vector<std::int64_t> removed, const IndexRequest* request) {
    std::size_t done = 0;
    std::set<std::string> notes;
    PipelineOptions options;
    if (request != nullptr) {
        options.threads = request->threads;
        options.batch_files = request->batch_files;
    }
    auto write = [&](std::vector<ParsedBatch>& batches) -> Result<void> {
        auto covered = WriteParsed(run, batches, stored, removed, notes);
        if (!covered) {
            return covered.error();
        }
        done += *covered;
        if (request != nullptr && request->progress) {
            request->progress(done, tasks.size());
        }
        return {};
    };
    auto written = RunParsePipeline(run.root, tasks, options, write);
    if (!written) {
        return written;
    }
    if (!removed.empty()) {
        if (auto ok = RemoveFiles(run.db, removed); !ok) {
            return ok;
        }
        run.summary.files_removed += removed.size();
    }
    for (const std::string& note : notes) {
        NECTR_LOG_WARN("index.degraded", "repository_id={} reason=\"{}\"", run.repository_id, note);
        run.summary.notes.push_back(note);
    }
    return {};
}

Result<std::size_t> CountOf(store::Database& db, const store::Query& query, std::int64_t id) {
    const store::Value params[] = {id};
    auto rows = store::Execute(db, query, params);
    if (!rows) {
        return rows.error();
    }
    return static_cast<std::size_t>(rows->empty() ? 0 : store::AsInt(rows->rows[0][0]).value_or(0));
}

// Resolves imports, records the commit and fills the totals of the summary.
Result<void> Finish(Run& run, const std::optional<std::string>& commit,
                    std::chrono::steady_clock::time_point started) {
    auto resolved = ResolveImports(run.db, run.repository_id, ReadGoModule(run.root));
    if (!resolved) {
        return resolved.error();
    }
    run.summary.imports_resolved = *resolved;
    run.summary.commit = commit;
    const std::int64_t now = NowMs(run.clock);
    const store::Value params[] = {run.repository_id,
                                   commit ? store::Value(*commit) : store::Null(), now};
    if (auto marked = store::Execute(run.db, store::sql::kIndexMarkIndexed, params); !marked) {
        return marked.error();
    }
    auto files = LoadStoredFiles(run.db, run.repository_id);
    auto symbols = CountOf(run.db, store::sql::kIndexCountSymbols, run.repository_id);
    auto chunks = CountOf(run.db, store::sql::kIndexCountChunks, run.repository_id);
    if (!files || !symbols || !chunks) {
        return !files ? files.error() : !symbols ? symbols.error() : chunks.error();
    }
    run.summary.files = files->size();
    run.summary.symbols = *symbols;
    run.summary.chunks = *chunks;
    run.summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return {};
}

std::string AbsoluteRoot(const std::string& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return (ec ? fs::path(path) : absolute.lexically_normal()).generic_string();
}

}  // namespace

Result<IndexSummary> IndexCheckout(store::Database& db, const IndexRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    const core::Clock& clock = request.clock != nullptr ? *request.clock : kSystemClock;
    const std::string root = AbsoluteRoot(request.path);
    auto listing = ListCheckout(root);
    if (!listing) {
        return listing.error();
    }
    const std::string name = request.repository_full_name.empty() ? DeriveRepositoryName(root)
                                                                  : request.repository_full_name;
    auto repository_id = UpsertRepository(db, name, NowMs(clock));
    if (!repository_id) {
        return repository_id.error();
    }
    auto stored = LoadStoredFiles(db, *repository_id);
    if (!stored) {
        return stored.error();
    }
    Run run{db, *repository_id, root, clock, {}};
    run.summary.repository_id = *repository_id;
    run.summary.repository_full_name = name;
    std::vector<FileTask> tasks;
    std::unordered_set<std::string> present;
    for (ListedFile& file : listing->files) {
        if (!Indexable(file.path)) {
            continue;
        }
        present.insert(file.path);
        const auto found = stored->find(file.path);
        const std::string stored_sha = found == stored->end() ? "" : found->second.content_sha;
        if (!file.blob_sha.empty() && file.blob_sha == stored_sha) {
            continue;  // git says the content is what the index holds
        }
        tasks.push_back(FileTask{std::move(file.path), std::move(file.blob_sha), stored_sha});
    }
    std::vector<std::int64_t> removed;
    for (const auto& [path, file] : *stored) {
        if (!present.contains(path)) {
            removed.push_back(file.id);
        }
    }
    if (auto written = ParseAndWrite(run, tasks, *stored, std::move(removed), &request); !written) {
        return written.error();
    }
    if (auto finished = Finish(run, listing->head_sha, started); !finished) {
        return finished.error();
    }
    NECTR_LOG_INFO(
        "index.indexed",
        "repository={} files={} changed={} removed={} symbols={} chunks={} seconds={:.2f}", name,
        run.summary.files, run.summary.files_changed, run.summary.files_removed,
        run.summary.symbols, run.summary.chunks, run.summary.seconds);
    return std::move(run.summary);
}

Result<IndexSummary> UpdateFiles(store::Database& db, std::int64_t repository_id,
                                 const std::string& checkout_path,
                                 const std::vector<std::string>& changed_paths,
                                 const std::vector<std::string>& removed_paths,
                                 const core::Clock* clock) {
    const auto started = std::chrono::steady_clock::now();
    const std::string root = AbsoluteRoot(checkout_path);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return core::MakeError(core::Errc::kNotFound, root + " is not a directory");
    }
    const store::Value params[] = {repository_id};
    auto repository = store::Execute(db, store::sql::kIndexGetRepository, params);
    if (!repository) {
        return repository.error();
    }
    if (repository->empty()) {
        return core::MakeError(core::Errc::kNotFound,
                               "no repository " + std::to_string(repository_id) + " in the index");
    }
    auto stored = LoadStoredFiles(db, repository_id);
    if (!stored) {
        return stored.error();
    }
    Run run{db, repository_id, root, clock != nullptr ? *clock : kSystemClock, {}};
    run.summary.repository_id = repository_id;
    run.summary.repository_full_name = store::AsText(repository->rows[0][1]).value_or("");
    std::vector<std::int64_t> removed;
    std::unordered_set<std::string> seen;
    for (const std::string& path : removed_paths) {
        if (auto found = stored->find(path); found != stored->end() && seen.insert(path).second) {
            removed.push_back(found->second.id);
        }
    }
    std::vector<FileTask> tasks;
    for (const std::string& path : changed_paths) {
        if (!seen.insert(path).second) {
            continue;
        }
        const auto found = stored->find(path);
        if (!Indexable(path)) {
            if (found != stored->end()) {
                removed.push_back(found->second.id);
            }
            continue;
        }
        tasks.push_back(
            FileTask{path, "", found == stored->end() ? "" : found->second.content_sha});
    }
    if (auto written = ParseAndWrite(run, tasks, *stored, std::move(removed), nullptr); !written) {
        return written.error();
    }
    if (auto finished = Finish(run, HeadCommit(root), started); !finished) {
        return finished.error();
    }
    return std::move(run.summary);
}

Result<std::optional<std::int64_t>> FindRepositoryId(store::Database& db,
                                                     const std::string& full_name) {
    const store::Value params[] = {full_name};
    auto rows = store::Execute(db, store::sql::kIndexFindRepository, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>();
    }
    return store::AsInt(rows->rows[0][0]);
}

}  // namespace nectr::index
