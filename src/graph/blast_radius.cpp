#include "graph/blast_radius.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {

core::Result<std::vector<ImportingFile>> BlastRadius(store::Database& db,
                                                     std::int64_t repository_id,
                                                     const std::vector<std::string>& paths,
                                                     std::size_t limit) {
    const std::vector<std::string> wanted = DistinctPaths(paths);
    std::vector<ImportingFile> files;
    if (wanted.empty() || limit == 0) {
        return files;
    }
    const store::Value params[] = {repository_id, PathsAsJson(wanted), kBlastRadiusDepth};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphBlastRadius, params);
    if (!rows) {
        return rows.error();
    }
    std::map<std::string, ImportingFile> by_path;
    std::map<std::string, std::set<std::string>> reaches;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::string path = TextAt(*rows, i, "path").value_or("");
        const std::int64_t depth = IntAt(*rows, i, "depth").value_or(0);
        auto [it, inserted] = by_path.emplace(path, ImportingFile{path, depth, {}});
        it->second.depth = std::min(it->second.depth, depth);
        reaches[path].insert(TextAt(*rows, i, "changed_path").value_or(""));
    }
    files.reserve(by_path.size());
    for (auto& [path, file] : by_path) {
        const std::set<std::string>& targets = reaches[path];
        file.reaches.assign(targets.begin(), targets.end());
        files.push_back(std::move(file));
    }
    std::sort(files.begin(), files.end(), [](const ImportingFile& a, const ImportingFile& b) {
        return a.depth != b.depth ? a.depth < b.depth : a.path < b.path;
    });
    if (files.size() > limit) {
        files.resize(limit);
    }
    return files;
}

}  // namespace nectr::graph
