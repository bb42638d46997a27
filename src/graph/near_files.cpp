#include "graph/near_files.hpp"

#include <algorithm>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {

core::Result<std::vector<std::int64_t>> NearFileIds(
    store::Database& db, std::int64_t repository_id, const std::vector<std::string>& paths,
    const std::vector<std::string>& co_changed_paths) {
    const std::vector<std::string> wanted = DistinctPaths(paths);
    const std::vector<std::string> also = DistinctPaths(co_changed_paths);
    std::vector<std::int64_t> ids;
    if (wanted.empty() && also.empty()) {
        return ids;
    }
    const store::Value params[] = {repository_id, PathsAsJson(wanted), PathsAsJson(also)};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphNearFiles, params);
    if (!rows) {
        return rows.error();
    }
    for (std::size_t i = 0; i < rows->size(); ++i) {
        if (const auto id = IntAt(*rows, i, "id")) {
            ids.push_back(*id);
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace nectr::graph
