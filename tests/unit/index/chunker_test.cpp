// Cutting files into chunks: symbol bodies where ctags found them, windows elsewhere.
#include "index/chunker.hpp"

#include <gtest/gtest.h>

#include "index/text.hpp"

namespace nectr::index {
namespace {

Symbol MakeSymbol(std::string name, std::string kind, int start, std::optional<int> end) {
    Symbol symbol;
    symbol.name = std::move(name);
    symbol.kind = std::move(kind);
    symbol.start_line = start;
    symbol.end_line = end;
    return symbol;
}

std::string NumberedLines(int count, std::string_view prefix = "line") {
    std::string text;
    for (int i = 1; i <= count; ++i) {
        text += std::string(prefix) + std::to_string(i) + "\n";
    }
    return text;
}

TEST(BuildChunksTest, OneChunkPerFunctionWithItsLeadingComment) {
    const std::string text =
        "#include <x>\n"                        // 1
        "\n"                                    // 2
        "// Parses a hunk header.\n"            // 3
        "int parseDiffHunk(const char* s) {\n"  // 4
        "    return s[0];\n"                    // 5
        "}\n"                                   // 6
        "\n"                                    // 7
        "int other() {\n"                       // 8
        "    return 1;\n"                       // 9
        "}\n";                                  // 10
    const auto lines = SplitLines(text);
    const std::vector<Symbol> symbols = {MakeSymbol("parseDiffHunk", "function", 4, 6),
                                         MakeSymbol("other", "function", 8, 10)};
    const auto chunks = BuildChunks(lines, symbols, "cpp");
    ASSERT_EQ(chunks.size(), 2u) << "the single #include line is too small for a window";
    EXPECT_EQ(chunks[0].start_line, 3) << "the comment above belongs to the function";
    EXPECT_EQ(chunks[0].end_line, 6);
    EXPECT_EQ(chunks[0].kind, ChunkKind::kSymbol);
    EXPECT_EQ(chunks[0].symbol, 0u);
    EXPECT_EQ(
        chunks[0].content,
        "// Parses a hunk header.\nint parseDiffHunk(const char* s) {\n    return s[0];\n}\n");
    EXPECT_EQ(chunks[0].search_text, "parse diff hunk");
    EXPECT_EQ(chunks[1].start_line, 8);
    EXPECT_EQ(chunks[1].end_line, 10);
    EXPECT_EQ(chunks[1].symbol, 1u);
}

TEST(BuildChunksTest, AFileWithoutSymbolsIsCutIntoOverlappingWindows) {
    const std::string text = NumberedLines(130);
    const auto chunks = BuildChunks(SplitLines(text), {}, "");
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].start_line, 1);
    EXPECT_EQ(chunks[0].end_line, 60);
    EXPECT_EQ(chunks[1].start_line, 51) << "windows overlap by ten lines";
    EXPECT_EQ(chunks[1].end_line, 110);
    EXPECT_EQ(chunks[2].start_line, 101);
    EXPECT_EQ(chunks[2].end_line, 130);
    for (const Chunk& chunk : chunks) {
        EXPECT_EQ(chunk.kind, ChunkKind::kWindow);
        EXPECT_FALSE(chunk.symbol);
    }
}

TEST(BuildChunksTest, ATinyFileStillGetsOneChunk) {
    const auto chunks = BuildChunks(SplitLines("x = 1\n"), {}, "python");
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0].start_line, 1);
    EXPECT_EQ(chunks[0].end_line, 1);
}

TEST(BuildChunksTest, ALongFunctionWithoutNestedSymbolsIsCutIntoPieces) {
    const std::string text = NumberedLines(300);
    const std::vector<Symbol> symbols = {MakeSymbol("big", "function", 1, 300)};
    const auto chunks = BuildChunks(SplitLines(text), symbols, "cpp");
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].start_line, 1);
    EXPECT_EQ(chunks[0].end_line, 120);
    EXPECT_EQ(chunks[1].start_line, 111);
    EXPECT_EQ(chunks[1].end_line, 230);
    EXPECT_EQ(chunks[2].start_line, 221);
    EXPECT_EQ(chunks[2].end_line, 300);
    for (const Chunk& chunk : chunks) {
        EXPECT_EQ(chunk.kind, ChunkKind::kSymbol);
        EXPECT_EQ(chunk.symbol, 0u) << "every piece names the function";
    }
}

TEST(BuildChunksTest, ALongClassIsCutAtItsMethodsAndTheRestNamesTheClass) {
    const std::string text = NumberedLines(200);
    const std::vector<Symbol> symbols = {MakeSymbol("Widget", "class", 1, 200),
                                         MakeSymbol("draw", "method", 20, 80),
                                         MakeSymbol("resize", "method", 100, 150)};
    const auto chunks = BuildChunks(SplitLines(text), symbols, "cpp");
    std::vector<std::tuple<int, int, ChunkKind, std::optional<std::size_t>>> got;
    got.reserve(chunks.size());
    for (const Chunk& chunk : chunks) {
        got.emplace_back(chunk.start_line, chunk.end_line, chunk.kind, chunk.symbol);
    }
    const std::vector<std::tuple<int, int, ChunkKind, std::optional<std::size_t>>> expected = {
        {1, 19, ChunkKind::kWindow, 0},    {20, 80, ChunkKind::kSymbol, 1},
        {81, 99, ChunkKind::kWindow, 0},   {100, 150, ChunkKind::kSymbol, 2},
        {151, 200, ChunkKind::kWindow, 0},
    };
    EXPECT_EQ(got, expected);
}

TEST(BuildChunksTest, ASmallClassIsOneChunkWithItsMethodsInside) {
    const std::string text = NumberedLines(30);
    const std::vector<Symbol> symbols = {MakeSymbol("Point", "class", 1, 30),
                                         MakeSymbol("norm", "method", 5, 10)};
    const auto chunks = BuildChunks(SplitLines(text), symbols, "python");
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0].symbol, 0u);
}

TEST(BuildChunksTest, SymbolsWithoutEndOrOfContainerKindsGetNoChunkOfTheirOwn) {
    const std::string text = NumberedLines(20);
    const std::vector<Symbol> symbols = {MakeSymbol("ns", "namespace", 1, 20),
                                         MakeSymbol("f", "function", 3, std::nullopt),
                                         MakeSymbol("kMax", "variable", 5, 5)};
    const auto chunks = BuildChunks(SplitLines(text), symbols, "cpp");
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0].kind, ChunkKind::kWindow);
    EXPECT_EQ(chunks[0].start_line, 1);
    EXPECT_EQ(chunks[0].end_line, 20);
}

TEST(BuildChunksTest, ContentIsCutAtTheByteLimit) {
    const std::string text = std::string(100, 'x') + "\n" + std::string(100, 'y') + "\n";
    ChunkingOptions options;
    options.max_chunk_bytes = 150;
    const auto chunks = BuildChunks(SplitLines(text), {}, "", options);
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0].content, std::string(100, 'x') + "\n");
    EXPECT_EQ(chunks[0].end_line, 2) << "the chunk still spans the lines it stands for";
}

}  // namespace
}  // namespace nectr::index
