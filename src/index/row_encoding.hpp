#pragma once

// The rows of one parsed file as JSON text, made on the parsing thread so that the single
// writer only puts the ids in front of each row (which it learns from the database) and joins
// them: building and escaping the JSON of every symbol and chunk was most of its work.
#include <string>
#include <string_view>
#include <vector>

#include "index/code_model.hpp"

namespace nectr::index {

struct EncodedRows {
    // Each row without its leading ids, ending with ']':
    std::vector<std::string> symbols;  // ,name,kind,scope,signature,start_line,end_line]
    std::vector<std::string> chunks;   // ,start_line,end_line,kind,content,search_text]
    std::vector<std::string> imports;  // ,target]
};

// The rows of `file` in the column order of the insert_symbols, insert_chunks and
// insert_imports queries, after the ids. Pure.
EncodedRows EncodeRows(const ParsedFile& file);

// Appends `text` as a JSON string (quoted, escaped); `text` must be valid UTF-8. Pure.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace nectr::index
