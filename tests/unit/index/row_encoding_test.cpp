// The JSON rows the parsing threads make for the writer: valid JSON that reads back as written.
#include "index/row_encoding.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace nectr::index {
namespace {

boost::json::value ParseRow(std::string_view head, std::string_view tail) {
    return boost::json::parse("[" + std::string(head) + std::string(tail));
}

TEST(AppendJsonStringTest, EscapesQuotesBackslashesAndControlCharacters) {
    const std::string text = "say \"hi\"\\\n\t\r\x01 caf\xC3\xA9 \xE2\x9C\x93";
    std::string json;
    AppendJsonString(json, text);
    EXPECT_EQ(json, "\"say \\\"hi\\\"\\\\\\n\\t\\r\\u0001 caf\xC3\xA9 \xE2\x9C\x93\"");
    EXPECT_EQ(boost::json::parse(json).as_string(), text) << "reads back as written";
}

TEST(EncodeRowsTest, RowsReadBackInTheColumnOrderOfTheQueries) {
    ParsedFile file;
    file.path = "a.ts";
    Symbol symbol;
    symbol.name = "parseDiffHunk";
    symbol.kind = "function";
    symbol.start_line = 8;
    symbol.end_line = 15;
    file.symbols.push_back(symbol);
    Symbol field;
    field.name = "x";
    field.kind = "property";
    field.scope = "Hunk";
    field.start_line = 2;
    file.symbols.push_back(field);
    Chunk chunk;
    chunk.start_line = 7;
    chunk.end_line = 15;
    chunk.kind = ChunkKind::kSymbol;
    chunk.content = "// \"quoted\"\nfunction parseDiffHunk() {}\n";
    chunk.search_text = "parse diff hunk";
    file.chunks.push_back(chunk);
    file.imports = {"./diff"};

    const EncodedRows rows = EncodeRows(file);
    ASSERT_EQ(rows.symbols.size(), 2u);
    EXPECT_EQ(ParseRow("1", rows.symbols[0]),
              boost::json::parse(R"([1, "parseDiffHunk", "function", null, null, 8, 15])"));
    EXPECT_EQ(ParseRow("1", rows.symbols[1]),
              boost::json::parse(R"([1, "x", "property", "Hunk", null, 2, null])"));
    ASSERT_EQ(rows.chunks.size(), 1u);
    const boost::json::value chunk_row = ParseRow("1,null", rows.chunks[0]);
    EXPECT_EQ(chunk_row.at(2), 7);
    EXPECT_EQ(chunk_row.at(3), 15);
    EXPECT_EQ(chunk_row.at(4), "symbol");
    EXPECT_EQ(chunk_row.at(5).as_string(), chunk.content);
    EXPECT_EQ(chunk_row.at(6), "parse diff hunk");
    ASSERT_EQ(rows.imports.size(), 1u);
    EXPECT_EQ(ParseRow("1", rows.imports[0]), boost::json::parse(R"([1, "./diff"])"));
}

}  // namespace
}  // namespace nectr::index
