#include "index/row_encoding.hpp"

namespace nectr::index {
namespace {

void AppendOptionalString(std::string& out, std::string_view text) {
    if (text.empty()) {
        out += "null";
    } else {
        AppendJsonString(out, text);
    }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0x0F]);
        }
    }
    out.append(text.substr(plain));
    out.push_back('"');
}

EncodedRows EncodeRows(const ParsedFile& file) {
    EncodedRows rows;
    rows.symbols.reserve(file.symbols.size());
    for (const Symbol& symbol : file.symbols) {
        std::string row = ",";
        AppendJsonString(row, symbol.name);
        row.push_back(',');
        AppendJsonString(row, symbol.kind);
        row.push_back(',');
        AppendOptionalString(row, symbol.scope);
        row.push_back(',');
        AppendOptionalString(row, symbol.signature);
        row.push_back(',');
        row += std::to_string(symbol.start_line);
        row.push_back(',');
        row += symbol.end_line ? std::to_string(*symbol.end_line) : std::string("null");
        row.push_back(']');
        rows.symbols.push_back(std::move(row));
    }
    rows.chunks.reserve(file.chunks.size());
    for (const Chunk& chunk : file.chunks) {
        std::string row = ",";
        row += std::to_string(chunk.start_line);
        row.push_back(',');
        row += std::to_string(chunk.end_line);
        row.push_back(',');
        AppendJsonString(row, ChunkKindName(chunk.kind));
        row.push_back(',');
        AppendJsonString(row, chunk.content);
        row.push_back(',');
        AppendJsonString(row, chunk.search_text);
        row.push_back(']');
        rows.chunks.push_back(std::move(row));
    }
    for (const std::string& target : file.imports) {
        std::string row = ",";
        AppendJsonString(row, target);
        row.push_back(']');
        rows.imports.push_back(std::move(row));
    }
    return rows;
}

}  // namespace nectr::index
