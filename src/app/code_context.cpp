#include "app/code_context.hpp"

#include <fmt/core.h>

#include <chrono>
#include <functional>
#include <unordered_set>

#include "graph/co_change.hpp"
#include "graph/near_files.hpp"
#include "index/indexer.hpp"
#include "index/search.hpp"
#include "review/change_query.hpp"
#include "store/sql.hpp"

namespace nectr::app {
namespace {

using Items = std::vector<review::ContextItem>;

// Co-changed files that count as near: the most reliable few; the rest is noise.
constexpr std::size_t kCoChanged = 10;
// Hits over the changed lines are dropped after the search: each search asks for a few more.
constexpr std::size_t kSpareHits = 2;

std::vector<std::string> ChangedPaths(const std::vector<review::FileDiff>& files) {
    std::vector<std::string> paths;
    for (const review::FileDiff& file : files) {
        paths.push_back(file.old_path);
        if (file.new_path != file.old_path) {
            paths.push_back(file.new_path);
        }
    }
    return paths;
}

std::string JoinWords(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

// The file ids of the change's graph neighbourhood; empty when the graph cannot tell (a
// failing read only costs the boost).
std::unordered_set<std::int64_t> NearFiles(store::Database& db, std::int64_t repository_id,
                                           const std::vector<std::string>& paths) {
    std::vector<std::string> co_changed_paths;
    if (auto co_changed = graph::CoChangedFiles(db, repository_id, paths, kCoChanged)) {
        for (const graph::CoChangedFile& file : *co_changed) {
            co_changed_paths.push_back(file.path);
        }
    }
    std::unordered_set<std::int64_t> near;
    if (auto ids = graph::NearFileIds(db, repository_id, paths, co_changed_paths)) {
        near.insert(ids->begin(), ids->end());
    }
    return near;
}

}  // namespace

core::Result<std::optional<std::int64_t>> IndexedRepositoryId(store::Database& db,
                                                              const std::string& full_name) {
    auto id = index::FindRepositoryId(db, full_name);
    if (!id || !*id) {
        return id;
    }
    const store::Value params[] = {**id};
    auto rows = store::Execute(db, store::sql::kIndexGetRepository, params);
    if (!rows) {
        return rows.error();
    }
    const std::optional<std::size_t> column = rows->ColumnIndex("indexed_at");
    if (rows->empty() || !column || !store::AsInt(rows->rows[0][*column])) {
        return std::optional<std::int64_t>();
    }
    return id;
}

core::Result<std::vector<index::CodeHit>> SearchAroundChange(
    store::Database& db, const ChangeSearch& search, const std::vector<review::FileDiff>& files) {
    index::SearchOptions options;
    options.near_file_ids = NearFiles(db, search.repository_id, search.changed_paths);
    options.embedder = search.embedder;
    // A chunk that holds only some words of an identifier is not code related to it.
    options.any_word_fallback = false;
    const std::size_t per_identifier = search.limit / 2 + kSpareHits;
    std::vector<std::vector<index::CodeHit>> found;
    const auto started = std::chrono::steady_clock::now();
    for (const std::string& identifier : search.identifiers) {
        if (!found.empty() && std::chrono::steady_clock::now() - started >= search.budget) {
            break;
        }
        auto hits =
            index::SearchCode(db, search.repository_id, identifier, per_identifier, options);
        if (!hits) {
            return hits.error();
        }
        found.push_back(std::move(*hits));
    }
    const review::ChangedSpans spans = review::ChangedLineSpans(files);
    std::unordered_set<std::int64_t> seen;
    std::vector<index::CodeHit> kept;
    for (std::size_t turn = 0; turn < per_identifier && kept.size() < search.limit; ++turn) {
        for (std::vector<index::CodeHit>& hits : found) {
            if (turn >= hits.size() || kept.size() >= search.limit) {
                continue;
            }
            index::CodeHit& hit = hits[turn];
            if (!review::OverlapsChange(spans, hit.path, hit.start_line, hit.end_line) &&
                seen.insert(hit.chunk_id).second) {
                kept.push_back(std::move(hit));
            }
        }
    }
    return kept;
}

std::string FormatCodeHits(const std::vector<index::CodeHit>& hits, std::size_t max_bytes) {
    std::string text;
    for (const index::CodeHit& hit : hits) {
        std::string entry = fmt::format("{}:{}-{}", hit.path, hit.start_line, hit.end_line);
        if (!hit.symbol.empty()) {
            entry += " " + hit.symbol;
        }
        entry += "\n";
        std::size_t at = 0;
        while (at < hit.snippet.size()) {
            std::size_t next = hit.snippet.find('\n', at);
            if (next == std::string::npos) {
                next = hit.snippet.size();
            }
            entry += "    " + hit.snippet.substr(at, next - at) + "\n";
            at = next + 1;
        }
        if (text.size() + entry.size() > max_bytes) {
            break;
        }
        text += entry;
    }
    return text;
}

CodeContextSource::CodeContextSource(store::Database& db, core::BlockingPool& pool,
                                     index::Embedder* embedder, CodeContextOptions options)
    : db_(db), pool_(pool), embedder_(embedder), options_(options) {}

net::awaitable<core::Result<Items>> CodeContextSource::Gather(const review::ContextQuery& query) {
    const std::vector<std::string> identifiers =
        review::ChangedIdentifiers(query.files, options_.max_identifiers);
    if (query.change.repo_full_name.empty() || identifiers.empty()) {
        co_return Items{};
    }
    const std::string repo = query.change.repo_full_name;
    ChangeSearch search{
        0, ChangedPaths(query.files), identifiers, options_.max_hits, embedder_, options_.budget};
    const std::vector<review::FileDiff>& files = query.files;
    std::function<core::Result<Items>()> read = [this, &repo, &search, &files,
                                                 &identifiers]() -> core::Result<Items> {
        auto id = IndexedRepositoryId(db_, repo);
        if (!id) {
            return id.error();
        }
        if (!*id) {
            return Items{};
        }
        search.repository_id = **id;
        auto hits = SearchAroundChange(db_, search, files);
        if (!hits) {
            return hits.error();
        }
        const std::string text = FormatCodeHits(*hits, options_.max_bytes);
        if (text.empty()) {
            return Items{};
        }
        return Items{{"code_index", "Related code elsewhere in the repository",
                      "Searched for: " + JoinWords(identifiers) + "\n\n" + text}};
    };
    co_return co_await pool_.Call<core::Result<Items>>(std::move(read));
}

}  // namespace nectr::app
