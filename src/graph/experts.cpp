#include "graph/experts.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

constexpr double kDayMs = 86'400'000.0;

struct Change {
    std::string login;
    std::string name;
    bool is_github = false;
    std::string path;
    std::int64_t at = 0;
    std::int64_t lines = 0;

    auto Key() const { return std::tie(login, path, at, lines); }
};

std::vector<Change> ReadChanges(const store::Rows& rows) {
    std::vector<Change> changes;
    changes.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Change change;
        change.login = TextAt(rows, i, "login").value_or("");
        change.name = TextAt(rows, i, "name").value_or("");
        change.is_github = IntAt(rows, i, "is_github").value_or(0) != 0;
        change.path = TextAt(rows, i, "path").value_or("");
        change.at = IntAt(rows, i, "changed_at").value_or(0);
        change.lines = IntAt(rows, i, "lines").value_or(0);
        changes.push_back(std::move(change));
    }
    // Floating-point sums depend on their order: fix it, whatever order the engine returned.
    std::sort(changes.begin(), changes.end(),
              [](const Change& a, const Change& b) { return a.Key() < b.Key(); });
    return changes;
}

std::vector<Expert> Score(const std::vector<Change>& changes, std::int64_t now_ms) {
    std::map<std::string, Expert> by_login;
    std::map<std::string, std::set<std::string>> files;
    for (const Change& change : changes) {
        Expert& expert = by_login[change.login];
        expert.login = change.login;
        if (expert.name.empty()) {
            expert.name = change.name;
        }
        expert.is_github = expert.is_github || change.is_github;
        expert.score += ChangeWeight(now_ms - change.at, change.lines);
        ++expert.changes;
        expert.last_changed_at_ms = std::max(expert.last_changed_at_ms, change.at);
        files[change.login].insert(change.path);
    }
    std::vector<Expert> experts;
    experts.reserve(by_login.size());
    for (auto& [login, expert] : by_login) {
        const std::set<std::string>& touched = files[login];
        expert.files.assign(touched.begin(), touched.end());
        experts.push_back(std::move(expert));
    }
    std::sort(experts.begin(), experts.end(), [](const Expert& a, const Expert& b) {
        return a.score != b.score ? a.score > b.score : a.login < b.login;
    });
    return experts;
}

}  // namespace

double ChangeWeight(std::int64_t age_ms, std::int64_t lines) {
    const double age_days = static_cast<double>(std::max<std::int64_t>(age_ms, 0)) / kDayMs;
    const double recency = std::exp2(-age_days / kExpertHalfLifeDays);
    const double size = 1.0 + std::log1p(static_cast<double>(std::max<std::int64_t>(lines, 0)));
    return recency * size;
}

core::Result<std::vector<Expert>> Experts(store::Database& db, std::int64_t repository_id,
                                          const std::vector<std::string>& paths,
                                          std::int64_t now_ms, std::size_t limit) {
    const std::vector<std::string> wanted = DistinctPaths(paths);
    if (wanted.empty() || limit == 0) {
        return std::vector<Expert>();
    }
    const store::Value params[] = {repository_id, PathsAsJson(wanted)};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphExperts, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<Expert> experts = Score(ReadChanges(*rows), now_ms);
    if (experts.size() > limit) {
        experts.resize(limit);
    }
    return experts;
}

}  // namespace nectr::graph
