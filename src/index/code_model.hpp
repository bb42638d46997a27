#pragma once

// The values that flow from scanning a checkout to the store: what one file holds.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nectr::index {

// A definition that universal-ctags found. Lines are 1-based and inclusive; end_line is
// nullopt when neither ctags nor the brace matcher (symbol_ends.hpp) could tell it.
struct Symbol {
    std::string name;
    std::string kind;  // as ctags names it in long form: function, class, method, ...
    std::string scope;
    std::string signature;
    int start_line = 0;
    std::optional<int> end_line;
};

enum class ChunkKind { kSymbol, kWindow };

// "symbol" or "window", as the chunks table stores it.
const char* ChunkKindName(ChunkKind kind);

// A span of one file's lines that search returns as one hit.
struct Chunk {
    int start_line = 0;
    int end_line = 0;
    ChunkKind kind = ChunkKind::kWindow;
    // The index into the file's symbols of the symbol this chunk is (part of) the body of.
    std::optional<std::size_t> symbol;
    std::string content;
    std::string search_text;  // identifier words, see identifiers.hpp
};

// One file as the index stores it.
struct ParsedFile {
    std::string path;  // repository-relative, '/'-separated
    std::string language;
    std::int64_t size_bytes = 0;
    std::int64_t line_count = 0;
    std::string content_sha;  // git blob SHA-1 of the content
    std::vector<Symbol> symbols;
    std::vector<std::string> imports;  // as written, see imports.hpp
    std::vector<Chunk> chunks;
};

}  // namespace nectr::index
