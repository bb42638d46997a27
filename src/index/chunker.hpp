#pragma once

// Cuts a file into the chunks search returns: a symbol's body where ctags found one, windows
// of lines elsewhere.
#include <span>
#include <string_view>
#include <vector>

#include "index/code_model.hpp"

namespace nectr::index {

struct ChunkingOptions {
    int max_symbol_lines = 120;  // a longer body is cut at its nested symbols, or in pieces
    int window_lines = 60;
    int window_overlap = 10;
    // A stretch outside every symbol with fewer non-blank lines than this is left out (the
    // closing brace of a namespace), unless the file has no other chunk.
    int min_window_lines = 3;
    // Comment, decorator and attribute lines right above a symbol belong to its chunk, up to
    // this many.
    int max_leading_comment_lines = 30;
    std::size_t max_chunk_bytes = std::size_t{32} * 1024;  // longer content is cut (the lines stay)
};

// The chunks of a file with these lines and symbols, ordered by start line:
// - each symbol of a kind that has a body (function, method, class, struct, ...) spanning more
//   than one line and at most max_symbol_lines becomes one chunk of kind kSymbol, together with
//   the comments right above it;
// - a longer symbol is cut at its nested symbols (a class at its methods), or, without any,
//   into pieces of max_symbol_lines that overlap by window_overlap;
// - the remaining lines become windows of window_lines overlapping by window_overlap; a
//   window inside a cut symbol names that symbol.
// search_text is filled with IdentifierWords(content). Pure.
std::vector<Chunk> BuildChunks(std::span<const std::string_view> lines,
                               std::span<const Symbol> symbols, std::string_view language,
                               const ChunkingOptions& options = {});

// True for ctags kinds that own a body worth a chunk of its own.
bool IsBodyKind(std::string_view kind);

}  // namespace nectr::index
