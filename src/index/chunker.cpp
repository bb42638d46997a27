#include "index/chunker.hpp"

#include <algorithm>
#include <optional>

#include "index/identifiers.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

constexpr std::string_view kBodyKinds[] = {
    "function",        "method",    "member",     "class",       "struct", "interface", "trait",
    "implementation",  "enum",      "union",      "constructor", "func",   "type",      "object",
    "singletonMethod", "procedure", "subroutine", "module",      "record", "protocol",  "extension",
    "constant",        "variable",  "macro",      "typedef",     "getter", "setter",    "generator",
    "alias",           "annotation"};

// Folders of symbols that hold the whole file rather than a body of their own.
bool IsContainerKind(std::string_view kind) {
    return kind == "namespace" || kind == "package" || kind == "packageName" || kind == "file";
}

struct Node {
    std::size_t symbol;
    int start;
    int end;
    std::vector<Node> children;
};

bool IsLeadingLine(std::string_view line, std::string_view language) {
    const std::string_view text = Trim(line);
    if (text.empty()) {
        return false;
    }
    if (text.starts_with("//") || text.starts_with("/*") || text.starts_with("*") ||
        text.starts_with("@") || text.starts_with("#[") || text.starts_with("///") ||
        text.starts_with("template")) {
        return true;
    }
    const bool hash_comments = language == "python" || language == "ruby" || language == "shell" ||
                               language == "" || language == "config";
    return hash_comments && text.starts_with("#");
}

class Cutter {
public:
    Cutter(std::span<const std::string_view> lines, std::span<const Symbol> symbols,
           std::string_view language, const ChunkingOptions& options)
        : lines_(lines),
          symbols_(symbols),
          language_(language),
          options_(options),
          covered_(lines.size() + 2, false),
          owner_(lines.size() + 2) {}

    std::vector<Chunk> Run() {
        std::vector<Node> roots = BuildForest();
        int lower = 1;
        for (const Node& root : roots) {
            Emit(root, lower);
            lower = root.end + 1;
        }
        AddWindows();
        std::sort(chunks_.begin(), chunks_.end(), [](const Chunk& a, const Chunk& b) {
            return a.start_line != b.start_line ? a.start_line < b.start_line
                                                : a.end_line < b.end_line;
        });
        for (Chunk& chunk : chunks_) {
            chunk.search_text = IdentifierWords(chunk.content);
        }
        return std::move(chunks_);
    }

private:
    int LineCount() const { return static_cast<int>(lines_.size()); }

    std::vector<Node> BuildForest() const {
        std::vector<Node> candidates;
        for (std::size_t i = 0; i < symbols_.size(); ++i) {
            const Symbol& symbol = symbols_[i];
            if (!symbol.end_line || !IsBodyKind(symbol.kind) || symbol.start_line < 1 ||
                symbol.start_line > LineCount()) {
                continue;
            }
            const int end = std::min(*symbol.end_line, LineCount());
            if (end > symbol.start_line) {
                candidates.push_back(Node{i, symbol.start_line, end, {}});
            }
        }
        std::sort(candidates.begin(), candidates.end(), [](const Node& a, const Node& b) {
            return a.start != b.start ? a.start < b.start
                                      : (a.end != b.end ? a.end > b.end : a.symbol < b.symbol);
        });
        std::vector<Node> roots;
        for (Node& node : candidates) {
            Insert(roots, std::move(node));
        }
        return roots;
    }

    // Puts `node` under the last sibling that contains it, or after the siblings; a node that
    // overlaps its predecessor without nesting in it is trimmed to start after it.
    static void Insert(std::vector<Node>& siblings, Node node) {
        if (!siblings.empty()) {
            Node& last = siblings.back();
            if (node.start >= last.start && node.end <= last.end) {
                if (node.start == last.start && node.end == last.end) {
                    return;  // the same span twice (a prototype and its definition, ...)
                }
                Insert(last.children, std::move(node));
                return;
            }
            node.start = std::max(node.start, last.end + 1);
            if (node.start >= node.end) {
                return;
            }
        }
        siblings.push_back(std::move(node));
    }

    void Emit(const Node& node, int lower) {
        const int span = node.end - node.start + 1;
        if (span <= options_.max_symbol_lines) {
            AddChunk(ExtendUp(node.start, lower), node.end, ChunkKind::kSymbol, node.symbol);
            return;
        }
        if (!node.children.empty()) {
            for (int line = node.start; line <= node.end; ++line) {
                owner_[static_cast<std::size_t>(line)] = node.symbol;
            }
            int child_lower = node.start + 1;
            for (const Node& child : node.children) {
                Emit(child, child_lower);
                child_lower = child.end + 1;
            }
            return;
        }
        const int step = std::max(1, options_.max_symbol_lines - options_.window_overlap);
        for (int start = node.start;; start += step) {
            const int end = std::min(node.end, start + options_.max_symbol_lines - 1);
            const int from = start == node.start ? ExtendUp(start, lower) : start;
            AddChunk(from, end, ChunkKind::kSymbol, node.symbol);
            if (end == node.end) {
                break;
            }
        }
    }

    int ExtendUp(int start, int lower) const {
        int line = start;
        while (line - 1 >= std::max(lower, 1) &&
               start - (line - 1) <= options_.max_leading_comment_lines &&
               !covered_[static_cast<std::size_t>(line - 1)] &&
               IsLeadingLine(lines_[static_cast<std::size_t>(line - 2)], language_)) {
            --line;
        }
        return line;
    }

    void AddChunk(int start, int end, ChunkKind kind, std::optional<std::size_t> symbol) {
        for (int line = start; line <= end; ++line) {
            covered_[static_cast<std::size_t>(line)] = true;
        }
        Chunk chunk;
        chunk.start_line = start;
        chunk.end_line = end;
        chunk.kind = kind;
        chunk.symbol = symbol;
        for (int line = start; line <= end; ++line) {
            const std::string_view text = lines_[static_cast<std::size_t>(line - 1)];
            if (chunk.content.size() + text.size() + 1 > options_.max_chunk_bytes) {
                break;
            }
            chunk.content.append(text);
            chunk.content.push_back('\n');
        }
        chunks_.push_back(std::move(chunk));
    }

    void AddWindows() {
        const bool keep_small = chunks_.empty();
        int line = 1;
        while (line <= LineCount()) {
            if (covered_[static_cast<std::size_t>(line)]) {
                ++line;
                continue;
            }
            const std::optional<std::size_t> owner = owner_[static_cast<std::size_t>(line)];
            int end = line;
            while (end + 1 <= LineCount()) {
                const auto next = static_cast<std::size_t>(end) + 1;
                if (covered_[next] || owner_[next] != owner) {
                    break;
                }
                ++end;
            }
            AddRegion(line, end, owner, keep_small);
            line = end + 1;
        }
    }

    void AddRegion(int start, int end, std::optional<std::size_t> owner, bool keep_small) {
        auto blank = [this](int line) {
            return IsBlank(lines_[static_cast<std::size_t>(line - 1)]);
        };
        while (start <= end && blank(start)) {
            ++start;
        }
        while (end >= start && blank(end)) {
            --end;
        }
        int non_blank = 0;
        for (int line = start; line <= end; ++line) {
            non_blank += blank(line) ? 0 : 1;
        }
        if (non_blank == 0 || (non_blank < options_.min_window_lines && !keep_small)) {
            return;
        }
        const int step = std::max(1, options_.window_lines - options_.window_overlap);
        for (int from = start;; from += step) {
            const int to = std::min(end, from + options_.window_lines - 1);
            AddChunk(from, to, ChunkKind::kWindow, owner);
            if (to == end) {
                break;
            }
        }
    }

    std::span<const std::string_view> lines_;
    std::span<const Symbol> symbols_;
    std::string_view language_;
    const ChunkingOptions& options_;
    std::vector<bool> covered_;                      // by 1-based line
    std::vector<std::optional<std::size_t>> owner_;  // the cut symbol a line lies in
    std::vector<Chunk> chunks_;
};

}  // namespace

const char* ChunkKindName(ChunkKind kind) {
    return kind == ChunkKind::kSymbol ? "symbol" : "window";
}

bool IsBodyKind(std::string_view kind) {
    if (IsContainerKind(kind)) {
        return false;
    }
    return std::find(std::begin(kBodyKinds), std::end(kBodyKinds), kind) != std::end(kBodyKinds);
}

std::vector<Chunk> BuildChunks(std::span<const std::string_view> lines,
                               std::span<const Symbol> symbols, std::string_view language,
                               const ChunkingOptions& options) {
    return Cutter(lines, symbols, language, options).Run();
}

}  // namespace nectr::index
