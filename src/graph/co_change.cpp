#include "graph/co_change.hpp"

#include <algorithm>
#include <map>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

// Confidence compared as the fractions they are (a*d against c*b), so that no rounding
// decides an order.
int CompareConfidence(const CoChangedFile& a, const CoChangedFile& b) {
    const std::int64_t left = a.shared * b.commits;
    const std::int64_t right = b.shared * a.commits;
    return left == right ? 0 : (left > right ? 1 : -1);
}

bool Better(const CoChangedFile& a, const CoChangedFile& b) {
    if (const int order = CompareConfidence(a, b); order != 0) {
        return order > 0;
    }
    if (a.shared != b.shared) {
        return a.shared > b.shared;
    }
    if (a.path != b.path) {
        return a.path < b.path;
    }
    return a.with < b.with;
}

}  // namespace

core::Result<std::vector<CoChangedFile>> CoChangedFiles(store::Database& db,
                                                        std::int64_t repository_id,
                                                        const std::vector<std::string>& paths,
                                                        std::size_t limit) {
    const std::vector<std::string> wanted = DistinctPaths(paths);
    std::vector<CoChangedFile> files;
    if (wanted.empty() || limit == 0) {
        return files;
    }
    const store::Value params[] = {repository_id, PathsAsJson(wanted), kMaxCoChangeCommitFiles};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphCoChangedFiles, params);
    if (!rows) {
        return rows.error();
    }
    std::map<std::string, CoChangedFile> best;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        CoChangedFile file;
        file.path = TextAt(*rows, i, "path").value_or("");
        file.with = TextAt(*rows, i, "given_path").value_or("");
        file.shared = IntAt(*rows, i, "shared").value_or(0);
        file.commits = IntAt(*rows, i, "given_commits").value_or(0);
        if (file.commits <= 0) {
            continue;
        }
        auto [it, inserted] = best.emplace(file.path, file);
        if (!inserted && Better(file, it->second)) {
            it->second = file;
        }
    }
    files.reserve(best.size());
    for (auto& [path, file] : best) {
        file.confidence = static_cast<double>(file.shared) / static_cast<double>(file.commits);
        files.push_back(std::move(file));
    }
    std::sort(files.begin(), files.end(), Better);
    if (files.size() > limit) {
        files.resize(limit);
    }
    return files;
}

}  // namespace nectr::graph
