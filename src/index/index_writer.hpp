#pragma once

// Writing parsed files to the store: one transaction per batch, rows passed to each statement
// as one JSON array so that a batch costs a handful of statements, not one per row.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "index/code_model.hpp"
#include "index/row_encoding.hpp"
#include "store/database.hpp"

namespace nectr::index {

using core::Result;

struct StoredFile {
    std::int64_t id = 0;
    std::string content_sha;
};

// Path -> what the index holds for repository `repository_id`. Blocks.
Result<std::unordered_map<std::string, StoredFile>> LoadStoredFiles(store::Database& db,
                                                                    std::int64_t repository_id);

// Writes `files` (new or changed) and removes the files whose ids `removed` lists, in one
// transaction: a changed file's old symbols, chunks and imports are replaced. `encoded` holds
// EncodeRows of each file, made on the parsing threads (empty: made here). Imports are written
// unresolved (ResolveImports points them at files). Blocks.
Result<void> WriteBatch(store::Database& db, std::int64_t repository_id,
                        const std::vector<ParsedFile>& files, std::vector<EncodedRows> encoded,
                        const std::unordered_map<std::string, StoredFile>& stored,
                        const std::vector<std::int64_t>& removed, std::int64_t now_ms);

// Removes the files whose ids `removed` lists, with everything that hangs off them. Blocks.
Result<void> RemoveFiles(store::Database& db, const std::vector<std::int64_t>& removed);

// Points the repository's unresolved imports at the files they name, where that can be
// derived now (import_resolver.hpp); `go_module` is the root go.mod's module path or "".
// Returns how many were resolved. Blocks.
Result<std::size_t> ResolveImports(store::Database& db, std::int64_t repository_id,
                                   const std::string& go_module);

}  // namespace nectr::index
