#pragma once

// Reading and parsing one batch of files: content, symbols (one ctags run for the whole
// batch), imports and chunks. Runs on a worker thread; touches no database.
#include <string>
#include <vector>

#include "index/code_model.hpp"
#include "index/row_encoding.hpp"

namespace nectr::index {

struct FileTask {
    std::string path;        // relative to the checkout
    std::string known_sha;   // the blob id git reported, "" when the content must be hashed
    std::string stored_sha;  // what the index holds for the path, "" when it holds nothing
};

struct ParsedBatch {
    std::vector<ParsedFile> parsed;      // new or changed content
    std::vector<EncodedRows> encoded;    // EncodeRows of each parsed file, or empty
    std::vector<std::string> unchanged;  // hashed to what the index already holds
    std::vector<std::string> dropped;    // gone, unreadable, binary, generated or too large
    std::vector<std::string> notes;      // problems worth telling once (ctags missing, ...)
};

// Reads, filters and parses the files of `tasks` under `root`. Blocks (file reads, one ctags
// process). A file that cannot be read is dropped, not an error; ctags failing leaves the
// batch without symbols and says so in notes.
ParsedBatch ParseBatch(const std::string& root, const std::vector<FileTask>& tasks);

}  // namespace nectr::index
