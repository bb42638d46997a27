#include "index/file_parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "index/checkout.hpp"
#include "index/chunker.hpp"
#include "index/ctags.hpp"
#include "index/file_filter.hpp"
#include "index/imports.hpp"
#include "index/language.hpp"
#include "index/symbol_ends.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

std::optional<std::string> ReadSmallFile(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxIndexedFileBytes) {
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string content(static_cast<std::size_t>(size), '\0');
    in.read(content.data(), static_cast<std::streamsize>(size));
    content.resize(static_cast<std::size_t>(in.gcount()));
    return content;
}

struct Loaded {
    ParsedFile file;
    std::string content;
};

void Finish(Loaded& loaded, std::vector<Symbol> symbols) {
    ParsedFile& file = loaded.file;
    const std::vector<std::string_view> lines = SplitLines(loaded.content);
    file.line_count = static_cast<std::int64_t>(lines.size());
    FillMissingEnds(lines, file.language, symbols);
    std::stable_sort(symbols.begin(), symbols.end(),
                     [](const Symbol& a, const Symbol& b) { return a.start_line < b.start_line; });
    file.symbols = std::move(symbols);
    file.imports = ExtractImports(file.path, file.language, lines);
    file.chunks = BuildChunks(lines, file.symbols, file.language);
}

}  // namespace

ParsedBatch ParseBatch(const std::string& root, const std::vector<FileTask>& tasks) {
    ParsedBatch batch;
    std::vector<Loaded> loaded;
    loaded.reserve(tasks.size());
    std::vector<std::string> tag_paths;
    for (const FileTask& task : tasks) {
        std::optional<std::string> content = ReadSmallFile(root + "/" + task.path);
        if (!content) {
            batch.dropped.push_back(task.path);
            continue;
        }
        std::string sha = task.known_sha.empty() ? GitBlobSha(*content) : task.known_sha;
        if (!task.stored_sha.empty() && sha == task.stored_sha) {
            batch.unchanged.push_back(task.path);
            continue;
        }
        if (WhyContentSkipped(*content)) {
            batch.dropped.push_back(task.path);
            continue;
        }
        Loaded file;
        file.file.path = task.path;
        file.file.language = std::string(LanguageOfPath(task.path));
        file.file.size_bytes = static_cast<std::int64_t>(content->size());
        file.file.content_sha = std::move(sha);
        file.content = MakeValidUtf8(*content);
        if (!IsProseOrConfig(file.file.language)) {
            tag_paths.push_back(task.path);
        }
        loaded.push_back(std::move(file));
    }
    SymbolsByPath symbols;
    if (!tag_paths.empty()) {
        auto tagged = RunCtags(root, tag_paths);
        if (tagged) {
            symbols = std::move(*tagged);
        } else {
            batch.notes.push_back(tagged.error().detail);
        }
    }
    for (Loaded& file : loaded) {
        auto found = symbols.find(file.file.path);
        Finish(file, found == symbols.end() ? std::vector<Symbol>() : std::move(found->second));
        batch.parsed.push_back(std::move(file.file));
    }
    return batch;
}

}  // namespace nectr::index
