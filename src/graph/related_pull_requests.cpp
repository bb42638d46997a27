#include "graph/related_pull_requests.hpp"

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {

core::Result<std::vector<RelatedPullRequest>> RelatedPullRequests(
    store::Database& db, std::int64_t repository_id, const std::vector<std::string>& paths,
    std::size_t limit, int exclude_number) {
    const std::vector<std::string> wanted = DistinctPaths(paths);
    std::vector<RelatedPullRequest> related;
    if (wanted.empty() || limit == 0) {
        return related;
    }
    const store::Value params[] = {repository_id, PathsAsJson(wanted), std::int64_t{exclude_number},
                                   static_cast<std::int64_t>(limit)};
    core::Result<store::Rows> rows =
        store::Execute(db, store::sql::kGraphRelatedPullRequests, params);
    if (!rows) {
        return rows.error();
    }
    related.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        RelatedPullRequest pull;
        pull.number = static_cast<int>(IntAt(*rows, i, "number").value_or(0));
        pull.title = TextAt(*rows, i, "title").value_or("");
        pull.state = TextAt(*rows, i, "state").value_or("");
        pull.author = TextAt(*rows, i, "author_login").value_or("");
        pull.verdict = TextAt(*rows, i, "verdict").value_or("");
        pull.merged_at_ms = IntAt(*rows, i, "merged_at");
        pull.updated_at_ms = IntAt(*rows, i, "updated_at").value_or(0);
        pull.overlap = IntAt(*rows, i, "overlap").value_or(0);
        related.push_back(std::move(pull));
    }
    return related;
}

}  // namespace nectr::graph
