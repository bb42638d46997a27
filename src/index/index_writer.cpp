#include "index/index_writer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <tuple>

#include "index/import_resolver.hpp"
#include "index/row_encoding.hpp"
#include "store/sql.hpp"

namespace nectr::index {
namespace {

namespace json = boost::json;
using store::AsInt;
using store::AsText;

// Rows per statement: JSON parameters of a few MB at most.
constexpr std::size_t kRowsPerStatement = 1000;
constexpr std::size_t kBytesPerStatement = std::size_t{4} << 20;

json::array Ids(const std::vector<std::int64_t>& ids) {
    json::array out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        out.emplace_back(id);
    }
    return out;
}

// Collects JSON rows and runs `query` with them as one array whenever enough have gathered.
class RowStatement {
public:
    RowStatement(store::Connection& conn, const store::Query& query,
                 std::vector<store::Rows>* results = nullptr)
        : conn_(conn), query_(query), results_(results) {}

    // Adds "[<head><tail>": `head` the ids, `tail` the rest of the row up to its ']'.
    Result<void> Add(std::string_view head, std::string_view tail) {
        json_.push_back(rows_ == 0 ? '[' : ',');
        json_.push_back('[');
        json_.append(head);
        json_.append(tail);
        ++rows_;
        if (rows_ >= kRowsPerStatement || json_.size() >= kBytesPerStatement) {
            return Flush();
        }
        return {};
    }

    Result<void> Flush() {
        if (rows_ == 0) {
            return {};
        }
        json_.push_back(']');
        const store::Value params[] = {std::move(json_)};
        json_.clear();
        rows_ = 0;
        auto done = conn_.Execute(query_, params);
        if (!done) {
            return done.error();
        }
        if (results_ != nullptr) {
            results_->push_back(std::move(*done));
        }
        return {};
    }

private:
    store::Connection& conn_;
    const store::Query& query_;
    std::vector<store::Rows>* results_;
    std::string json_;
    std::size_t rows_ = 0;
};

Result<void> RunOnIds(store::Connection& conn, const store::Query& query,
                      const std::vector<std::int64_t>& ids) {
    if (ids.empty()) {
        return {};
    }
    const store::Value params[] = {json::serialize(Ids(ids))};
    auto done = conn.Execute(query, params);
    if (!done) {
        return done.error();
    }
    return {};
}

Result<std::unordered_map<std::string, std::int64_t>> UpsertFiles(
    store::Connection& conn, std::int64_t repository_id, const std::vector<ParsedFile>& files,
    std::int64_t now_ms) {
    json::array rows;
    rows.reserve(files.size());
    for (const ParsedFile& file : files) {
        rows.push_back(json::array{file.path, file.language, file.size_bytes, file.line_count,
                                   file.content_sha});
    }
    const store::Value params[] = {repository_id, json::serialize(rows), now_ms};
    auto written = conn.Execute(store::sql::kIndexUpsertFiles, params);
    if (!written) {
        return written.error();
    }
    std::unordered_map<std::string, std::int64_t> ids;
    for (const auto& row : written->rows) {
        ids[AsText(row[1]).value_or("")] = AsInt(row[0]).value_or(0);
    }
    return ids;
}

using SymbolKey = std::tuple<std::int64_t, std::int64_t, std::string>;  // file, line, name

Result<std::multimap<SymbolKey, std::int64_t>> InsertSymbols(
    store::Connection& conn, const std::vector<ParsedFile>& files,
    const std::vector<EncodedRows>& encoded,
    const std::unordered_map<std::string, std::int64_t>& file_ids) {
    std::vector<store::Rows> results;
    RowStatement statement(conn, store::sql::kIndexInsertSymbols, &results);
    for (std::size_t f = 0; f < files.size(); ++f) {
        const std::string head = std::to_string(file_ids.at(files[f].path));
        for (const std::string& tail : encoded[f].symbols) {
            if (auto added = statement.Add(head, tail); !added) {
                return added.error();
            }
        }
    }
    if (auto flushed = statement.Flush(); !flushed) {
        return flushed.error();
    }
    std::multimap<SymbolKey, std::int64_t> ids;
    for (const store::Rows& result : results) {
        for (const auto& row : result.rows) {
            ids.emplace(SymbolKey{AsInt(row[1]).value_or(0), AsInt(row[3]).value_or(0),
                                  AsText(row[2]).value_or("")},
                        AsInt(row[0]).value_or(0));
        }
    }
    return ids;
}

// The stored id of each symbol of `file` ("null" when unknown), in the file's order; the ids
// handed out are taken from `symbol_ids`, so that the next symbol of the same name and line
// gets the next id.
std::vector<std::string> SymbolIdsOf(const ParsedFile& file, std::int64_t file_id,
                                     std::multimap<SymbolKey, std::int64_t>& symbol_ids) {
    std::vector<std::string> ids(file.symbols.size(), "null");
    for (std::size_t i = 0; i < file.symbols.size(); ++i) {
        const Symbol& symbol = file.symbols[i];
        auto found = symbol_ids.find(SymbolKey{file_id, symbol.start_line, symbol.name});
        if (found != symbol_ids.end()) {
            ids[i] = std::to_string(found->second);
            symbol_ids.erase(found);
        }
    }
    return ids;
}

Result<void> InsertChunksAndImports(store::Connection& conn, const std::vector<ParsedFile>& files,
                                    const std::vector<EncodedRows>& encoded,
                                    const std::unordered_map<std::string, std::int64_t>& file_ids,
                                    std::multimap<SymbolKey, std::int64_t> symbol_ids) {
    RowStatement chunks(conn, store::sql::kIndexInsertChunks);
    RowStatement imports(conn, store::sql::kIndexInsertImports);
    for (std::size_t f = 0; f < files.size(); ++f) {
        const ParsedFile& file = files[f];
        const std::int64_t file_id = file_ids.at(file.path);
        const std::string file_head = std::to_string(file_id);
        const std::vector<std::string> ids = SymbolIdsOf(file, file_id, symbol_ids);
        for (std::size_t c = 0; c < file.chunks.size(); ++c) {
            const std::optional<std::size_t> symbol = file.chunks[c].symbol;
            const std::string head = file_head + "," + (symbol ? ids[*symbol] : "null");
            if (auto added = chunks.Add(head, encoded[f].chunks[c]); !added) {
                return added;
            }
        }
        for (const std::string& tail : encoded[f].imports) {
            if (auto added = imports.Add(file_head, tail); !added) {
                return added;
            }
        }
    }
    if (auto flushed = chunks.Flush(); !flushed) {
        return flushed;
    }
    return imports.Flush();
}

}  // namespace

Result<std::unordered_map<std::string, StoredFile>> LoadStoredFiles(store::Database& db,
                                                                    std::int64_t repository_id) {
    const store::Value params[] = {repository_id};
    auto rows = store::Execute(db, store::sql::kIndexListFiles, params);
    if (!rows) {
        return rows.error();
    }
    std::unordered_map<std::string, StoredFile> files;
    files.reserve(rows->size());
    for (const auto& row : rows->rows) {
        files[AsText(row[1]).value_or("")] =
            StoredFile{AsInt(row[0]).value_or(0), AsText(row[2]).value_or("")};
    }
    return files;
}

Result<void> WriteBatch(store::Database& db, std::int64_t repository_id,
                        const std::vector<ParsedFile>& files, std::vector<EncodedRows> encoded,
                        const std::unordered_map<std::string, StoredFile>& stored,
                        const std::vector<std::int64_t>& removed, std::int64_t now_ms) {
    if (encoded.size() != files.size()) {
        encoded.clear();
        for (const ParsedFile& file : files) {
            encoded.push_back(EncodeRows(file));
        }
    }
    std::vector<std::int64_t> replaced;
    for (const ParsedFile& file : files) {
        if (auto found = stored.find(file.path); found != stored.end()) {
            replaced.push_back(found->second.id);
        }
    }
    return store::InTransaction(db, [&](store::Connection& conn) -> Result<void> {
        if (auto done = RunOnIds(conn, store::sql::kIndexDeleteFiles, removed); !done) {
            return done;
        }
        if (files.empty()) {
            return {};
        }
        // Chunks first: deleting symbols first would rewrite each chunk's symbol_id to NULL.
        for (const store::Query* query :
             {&store::sql::kIndexDeleteChunksOfFiles, &store::sql::kIndexDeleteSymbolsOfFiles,
              &store::sql::kIndexDeleteImportsOfFiles}) {
            if (auto done = RunOnIds(conn, *query, replaced); !done) {
                return done;
            }
        }
        auto file_ids = UpsertFiles(conn, repository_id, files, now_ms);
        if (!file_ids) {
            return file_ids.error();
        }
        auto symbol_ids = InsertSymbols(conn, files, encoded, *file_ids);
        if (!symbol_ids) {
            return symbol_ids.error();
        }
        return InsertChunksAndImports(conn, files, encoded, *file_ids, std::move(*symbol_ids));
    });
}

Result<void> RemoveFiles(store::Database& db, const std::vector<std::int64_t>& removed) {
    if (removed.empty()) {
        return {};
    }
    return store::InTransaction(db, [&](store::Connection& conn) {
        return RunOnIds(conn, store::sql::kIndexDeleteFiles, removed);
    });
}

Result<std::size_t> ResolveImports(store::Database& db, std::int64_t repository_id,
                                   const std::string& go_module) {
    const store::Value params[] = {repository_id};
    auto pending = store::Execute(db, store::sql::kIndexUnresolvedImports, params);
    if (!pending) {
        return pending.error();
    }
    if (pending->empty()) {
        return std::size_t{0};
    }
    auto stored = LoadStoredFiles(db, repository_id);
    if (!stored) {
        return stored.error();
    }
    std::vector<std::string> paths;
    paths.reserve(stored->size());
    for (const auto& [path, file] : *stored) {
        paths.push_back(path);
    }
    const ImportResolver resolver(paths, go_module);
    // [file_id, target, target_file_id] rows.
    std::vector<std::pair<std::string, std::string>> updates;
    for (const auto& row : pending->rows) {
        const std::string target = AsText(row[1]).value_or("");
        const auto resolved = resolver.Resolve(AsText(row[2]).value_or(""), target);
        if (resolved) {
            std::string tail = ",";
            AppendJsonString(tail, target);
            tail.push_back(',');
            tail += std::to_string(stored->at(*resolved).id);
            tail.push_back(']');
            updates.emplace_back(std::to_string(AsInt(row[0]).value_or(0)), std::move(tail));
        }
    }
    if (updates.empty()) {
        return std::size_t{0};
    }
    auto written = store::InTransaction(db, [&](store::Connection& conn) -> Result<void> {
        RowStatement statement(conn, store::sql::kIndexResolveImports);
        for (const auto& [head, tail] : updates) {
            if (auto added = statement.Add(head, tail); !added) {
                return added;
            }
        }
        return statement.Flush();
    });
    if (!written) {
        return written.error();
    }
    return updates.size();
}

}  // namespace nectr::index
