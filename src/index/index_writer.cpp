#include "index/index_writer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <tuple>

#include "index/import_resolver.hpp"
#include "store/sql.hpp"

namespace nectr::index {
namespace {

namespace json = boost::json;
using store::AsInt;
using store::AsText;

// Rows per statement: JSON parameters of a few MB at most.
constexpr std::size_t kRowsPerStatement = 1000;
constexpr std::size_t kBytesPerStatement = std::size_t{4} << 20;

json::value OptionalText(const std::string& text) {
    return text.empty() ? json::value(nullptr) : json::value(text);
}

json::array Ids(const std::vector<std::int64_t>& ids) {
    json::array out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        out.emplace_back(id);
    }
    return out;
}

// Runs `query` with the rows of `rows` cut into statements of bounded size.
Result<void> ExecuteInParts(store::Connection& conn, const store::Query& query,
                            const json::array& rows, std::vector<store::Rows>* results = nullptr) {
    std::size_t start = 0;
    while (start < rows.size()) {
        json::array part;
        std::size_t bytes = 0;
        while (start < rows.size() && part.size() < kRowsPerStatement &&
               bytes < kBytesPerStatement) {
            const json::value& row = rows[start++];
            if (const auto* object = row.if_object(); object != nullptr) {
                if (const auto* content = object->if_contains("c");
                    content && content->is_string()) {
                    bytes += content->get_string().size();
                }
            }
            part.push_back(row);
        }
        const store::Value params[] = {json::serialize(part)};
        auto done = conn.Execute(query, params);
        if (!done) {
            return done.error();
        }
        if (results != nullptr) {
            results->push_back(std::move(*done));
        }
    }
    return {};
}

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
        rows.push_back(json::object{{"p", file.path},
                                    {"l", file.language},
                                    {"s", file.size_bytes},
                                    {"n", file.line_count},
                                    {"h", file.content_sha}});
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
    const std::unordered_map<std::string, std::int64_t>& file_ids) {
    json::array rows;
    for (const ParsedFile& file : files) {
        const std::int64_t file_id = file_ids.at(file.path);
        for (const Symbol& symbol : file.symbols) {
            rows.push_back(json::object{
                {"f", file_id},
                {"n", symbol.name},
                {"k", symbol.kind},
                {"s", OptionalText(symbol.scope)},
                {"g", OptionalText(symbol.signature)},
                {"a", symbol.start_line},
                {"b", symbol.end_line ? json::value(*symbol.end_line) : json::value(nullptr)}});
        }
    }
    std::vector<store::Rows> results;
    if (auto done = ExecuteInParts(conn, store::sql::kIndexInsertSymbols, rows, &results); !done) {
        return done.error();
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

Result<void> InsertChunksAndImports(store::Connection& conn, const std::vector<ParsedFile>& files,
                                    const std::unordered_map<std::string, std::int64_t>& file_ids,
                                    std::multimap<SymbolKey, std::int64_t> symbol_ids) {
    json::array chunks;
    json::array imports;
    for (const ParsedFile& file : files) {
        const std::int64_t file_id = file_ids.at(file.path);
        // The stored id of each of the file's symbols, in the file's order.
        std::vector<json::value> ids(file.symbols.size(), nullptr);
        for (std::size_t i = 0; i < file.symbols.size(); ++i) {
            const Symbol& symbol = file.symbols[i];
            auto found = symbol_ids.find(SymbolKey{file_id, symbol.start_line, symbol.name});
            if (found != symbol_ids.end()) {
                ids[i] = found->second;
                symbol_ids.erase(
                    found);  // the next symbol of the same name and line gets the next id
            }
        }
        for (const Chunk& chunk : file.chunks) {
            chunks.push_back(json::object{{"f", file_id},
                                          {"a", chunk.start_line},
                                          {"b", chunk.end_line},
                                          {"y", chunk.symbol ? ids[*chunk.symbol] : nullptr},
                                          {"k", ChunkKindName(chunk.kind)},
                                          {"c", chunk.content},
                                          {"t", chunk.search_text}});
        }
        for (const std::string& target : file.imports) {
            imports.push_back(json::object{{"f", file_id}, {"t", target}});
        }
    }
    if (auto done = ExecuteInParts(conn, store::sql::kIndexInsertChunks, chunks); !done) {
        return done.error();
    }
    return ExecuteInParts(conn, store::sql::kIndexInsertImports, imports);
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
                        const std::vector<ParsedFile>& files,
                        const std::unordered_map<std::string, StoredFile>& stored,
                        const std::vector<std::int64_t>& removed, std::int64_t now_ms) {
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
        auto symbol_ids = InsertSymbols(conn, files, *file_ids);
        if (!symbol_ids) {
            return symbol_ids.error();
        }
        return InsertChunksAndImports(conn, files, *file_ids, std::move(*symbol_ids));
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
    json::array updates;
    for (const auto& row : pending->rows) {
        const std::string target = AsText(row[1]).value_or("");
        const auto resolved = resolver.Resolve(AsText(row[2]).value_or(""), target);
        if (resolved) {
            updates.push_back(json::object{
                {"f", AsInt(row[0]).value_or(0)}, {"t", target}, {"r", stored->at(*resolved).id}});
        }
    }
    if (updates.empty()) {
        return std::size_t{0};
    }
    auto written = store::InTransaction(db, [&](store::Connection& conn) {
        return ExecuteInParts(conn, store::sql::kIndexResolveImports, updates);
    });
    if (!written) {
        return written.error();
    }
    return updates.size();
}

}  // namespace nectr::index
